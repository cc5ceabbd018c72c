/**
 * Data collection of the compliance audit report: personal-data detectors and sampling, job runs,
 * findings. Not API; may change in any release.
 */
@NullMarked
package io.colseal.operations.internal.audit;

import org.jspecify.annotations.NullMarked;
