/**
 * The re-encryption engine behind {@code ReencryptionJob}: job tables and leases, partition
 * planning, keyset-paginated batches with compare-and-set updates, throttling and metrics. Not API;
 * may change in any release.
 */
@NullMarked
package io.colseal.operations.internal.job;

import org.jspecify.annotations.NullMarked;
