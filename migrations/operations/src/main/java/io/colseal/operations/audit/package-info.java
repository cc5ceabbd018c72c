/**
 * Renderers of the compliance audit report ({@link io.colseal.operations.report.AuditReport}): JSON,
 * Markdown, CSV and HTML, with their Korean and English labels in {@link
 * io.colseal.operations.audit.Labels}.
 */
@NullMarked
package io.colseal.operations.audit;

import org.jspecify.annotations.NullMarked;
