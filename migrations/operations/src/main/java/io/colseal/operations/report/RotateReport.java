package io.colseal.operations.report;

import io.colseal.operations.internal.TextTable;
import java.util.List;

/** {@code colseal keys rotate}: per table, the version that was ACTIVE and the new ACTIVE one. */
public record RotateReport(List<TableRotation> tables) implements CommandReport {
  public RotateReport {
    tables = List.copyOf(tables);
  }

  /** One table; {@code previousVersion} is now DECRYPT_ONLY. */
  public record TableRotation(String table, int previousVersion, int newVersion) {}

  @Override
  public String toText() {
    if (tables.isEmpty()) {
      return "No tables to rotate.\n";
    }
    TextTable t = new TextTable("TABLE", "PREVIOUS", "NEW");
    tables.forEach(r -> t.row(r.table(), "v" + r.previousVersion() + " (DECRYPT_ONLY)", "v" + r.newVersion() + " (ACTIVE)"));
    return t.render();
  }
}
