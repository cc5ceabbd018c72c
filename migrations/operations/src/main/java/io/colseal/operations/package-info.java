/**
 * Operations on a database that colseal encrypts, for code that runs them itself (a scheduler, an
 * admin endpoint) and for the {@code colseal} command: {@link io.colseal.operations.ReencryptionJob}
 * (resumable re-encryption beside live traffic) and {@link io.colseal.operations.ComplianceAudit}
 * (the audit report). Results are records in {@link io.colseal.operations.report}; the audit's
 * renderers are in {@link io.colseal.operations.audit}. Key management is {@link io.colseal.KeyAdmin}
 * in colseal-core.
 */
@NullMarked
package io.colseal.operations;

import org.jspecify.annotations.NullMarked;
