package io.colseal.operations.report;

import io.colseal.operations.internal.TextTable;
import java.util.List;

/**
 * {@code colseal keys rewrap}: each version whose data key is now wrapped by {@code toKek} of
 * {@code toProvider}.
 */
public record RewrapReport(String toProvider, String toKek, List<Rewrapped> versions) implements CommandReport {
  public RewrapReport {
    versions = List.copyOf(versions);
  }

  /** One key version: the provider and KEK that wrapped it before, and the KEK that wraps it now. */
  public record Rewrapped(String table, int version, String fromProvider, String fromKek, String toKek) {}

  @Override
  public String toText() {
    if (versions.isEmpty()) {
      return "No key versions to rewrap.\n";
    }
    TextTable t = new TextTable("TABLE", "VERSION", "FROM KEK", "TO KEK");
    // Across providers each KEK is shown with its provider: the same label can exist in both.
    versions.forEach(r -> {
      boolean across = !r.fromProvider().equals(toProvider);
      t.row(r.table(), "v" + r.version(), across ? r.fromKek() + " (" + r.fromProvider() + ")" : r.fromKek(),
          across ? r.toKek() + " (" + toProvider + ")" : r.toKek());
    });
    return t.render();
  }
}
