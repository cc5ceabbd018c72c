/**
 * Renderers of the compliance audit report ({@link io.colseal.migrations.report.AuditReport}): JSON,
 * Markdown, CSV and HTML, with their Korean and English labels in {@link
 * io.colseal.migrations.audit.Labels}.
 */
@NullMarked
package io.colseal.migrations.audit;

import org.jspecify.annotations.NullMarked;
