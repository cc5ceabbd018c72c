/** Text tables for the reports' plain-text form. Not API; may change in any release. */
@NullMarked
package io.colseal.operations.internal;

import org.jspecify.annotations.NullMarked;
