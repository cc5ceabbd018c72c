package io.colseal.operations.report;

import io.colseal.operations.internal.TextTable;
import java.util.List;

/** {@code colseal keys rewrap}: each version whose data key is now wrapped by {@code toKek}. */
public record RewrapReport(String toKek, List<Rewrapped> versions) implements CommandReport {
  public RewrapReport {
    versions = List.copyOf(versions);
  }

  /** One key version: the KEK that wrapped it before and the one that wraps it now. */
  public record Rewrapped(String table, int version, String fromKek, String toKek) {}

  @Override
  public String toText() {
    if (versions.isEmpty()) {
      return "No key versions to rewrap.\n";
    }
    TextTable t = new TextTable("TABLE", "VERSION", "FROM KEK", "TO KEK");
    versions.forEach(r -> t.row(r.table(), "v" + r.version(), r.fromKek(), r.toKek()));
    return t.render();
  }
}
