/**
 * The batch re-encryption harness: how fast {@code colseal reencrypt} moves a large PostgreSQL
 * table to a new key version, against plain JDBC doing the same reads and writes without crypto,
 * and whether its heap stays flat. {@link io.colseal.benchmarks.reencrypt.ReencryptHarness} runs
 * the job as a child JVM ({@link io.colseal.benchmarks.reencrypt.ReencryptProcess}) with a small
 * fixed heap.
 */
@NullMarked
package io.colseal.benchmarks.reencrypt;

import org.jspecify.annotations.NullMarked;
