/**
 * The compliance audit report's benchmark ({@link io.colseal.benchmarks.audit.AuditHarness}: the
 * report on a large PostgreSQL table against the plain GROUP BY it needs) and the sample report of
 * the documentation ({@link io.colseal.benchmarks.audit.AuditSample}).
 */
@NullMarked
package io.colseal.benchmarks.audit;

import org.jspecify.annotations.NullMarked;
