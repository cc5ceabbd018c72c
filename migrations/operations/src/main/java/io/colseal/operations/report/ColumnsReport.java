package io.colseal.operations.report;

import io.colseal.Classification;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.operations.internal.TextTable;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code colseal columns list}: the column registry, as applications declared their columns. */
public record ColumnsReport(List<ColumnEntry> columns) implements CommandReport {
  public ColumnsReport {
    columns = List.copyOf(columns);
  }

  /** One registered column. */
  public record ColumnEntry(
      String table,
      String column,
      String javaType,
      Storage storage,
      EncryptionMode mode,
      Classification classification,
      String entity,
      String attribute,
      @Nullable Instant registeredAt,
      @Nullable Instant lastSeenAt) {}

  @Override
  public String toText() {
    if (columns.isEmpty()) {
      return "No registered columns.\n";
    }
    TextTable t = new TextTable("TABLE", "COLUMN", "JAVA TYPE", "STORAGE", "MODE", "CLASSIFICATION", "ATTRIBUTE",
        "REGISTERED", "LAST SEEN");
    columns.forEach(c -> t.row(c.table(), c.column(), c.javaType(), c.storage(), c.mode(), c.classification(),
        c.entity() + "." + c.attribute(), c.registeredAt(), c.lastSeenAt()));
    return t.render();
  }
}
