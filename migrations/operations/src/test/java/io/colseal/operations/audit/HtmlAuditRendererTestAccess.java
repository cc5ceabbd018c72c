package io.colseal.operations.audit;

import io.colseal.operations.report.AuditReport;

/** The sample report of {@link HtmlAuditRendererTest} for tests in other packages. */
public final class HtmlAuditRendererTestAccess {
  private HtmlAuditRendererTestAccess() {}

  /** A report with every section filled, and a signed finding-free variant's parts. */
  public static AuditReport report() {
    return SignedReportsTest.report();
  }
}
