package io.colseal.operations.report;

import io.colseal.operations.internal.TextTable;
import java.util.List;

/** {@code colseal keys init}: the ACTIVE version of each table, and whether this run created it. */
public record KeysInitReport(List<TableInit> tables) implements CommandReport {
  public KeysInitReport {
    tables = List.copyOf(tables);
  }

  /** One table: its ACTIVE version; {@code created} is false if it existed already. */
  public record TableInit(String table, int version, boolean created) {}

  @Override
  public String toText() {
    if (tables.isEmpty()) {
      return "No tables to initialise: the column registry is empty.\n";
    }
    TextTable t = new TextTable("TABLE", "VERSION", "RESULT");
    tables.forEach(i -> t.row(i.table(), "v" + i.version(), i.created() ? "created" : "exists"));
    return t.render();
  }
}
