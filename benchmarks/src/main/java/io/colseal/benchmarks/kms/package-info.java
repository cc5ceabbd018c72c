/**
 * The KMS call harness: how many AWS KMS calls a realistic colseal workload costs. {@link
 * io.colseal.benchmarks.kms.KmsCallHarness} starts application processes as child JVMs ({@link
 * io.colseal.benchmarks.kms.KmsCallWorkload}) against PostgreSQL and a KMS protocol server, counts
 * every SDK call they make, and checks that data keys cost KMS calls per table and process, never
 * per row.
 */
@NullMarked
package io.colseal.benchmarks.kms;

import org.jspecify.annotations.NullMarked;
