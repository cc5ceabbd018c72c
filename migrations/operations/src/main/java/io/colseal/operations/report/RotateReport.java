package io.colseal.operations.report;

import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.internal.TextTable;
import java.util.List;

/**
 * {@code colseal keys rotate}: per table, the version that was ACTIVE and the new ACTIVE one.
 *
 * @param unreadable versions of tables that were not rotated because their ACTIVE version cannot be
 *     told: the table has no readable ACTIVE version, and rows this release cannot read
 */
public record RotateReport(List<TableRotation> tables, List<UnreadableKeyVersion> unreadable)
    implements CommandReport {
  public RotateReport {
    tables = List.copyOf(tables);
    unreadable = List.copyOf(unreadable);
  }

  /** One table; {@code previousVersion} is now DECRYPT_ONLY. */
  public record TableRotation(String table, int previousVersion, int newVersion) {}

  @Override
  public String toText() {
    if (tables.isEmpty()) {
      return "No tables to rotate.\n" + KeysListReport.unreadableText(unreadable);
    }
    TextTable t = new TextTable("TABLE", "PREVIOUS", "NEW");
    tables.forEach(r -> t.row(r.table(), "v" + r.previousVersion() + " (DECRYPT_ONLY)", "v" + r.newVersion() + " (ACTIVE)"));
    return t.render() + (unreadable.isEmpty() ? "" : "\nNot rotated:\n" + KeysListReport.unreadableText(unreadable));
  }
}
