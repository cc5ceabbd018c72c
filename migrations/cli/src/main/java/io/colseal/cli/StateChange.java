package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.keys.KeyVersion;
import io.colseal.operations.report.KeyStateChange;
import java.util.function.Supplier;

/** Runs one state change of a key version and reports the state before and after. */
final class StateChange {
  private StateChange() {}

  static KeyStateChange run(KeyAdmin admin, String action, String table, int version, boolean forced,
      Supplier<KeyVersion> change) {
    // The library names a missing version (KEY_NOT_FOUND); only read the previous state when there is one.
    String previous = admin.list(table).stream().filter(v -> v.version() == version).findFirst()
        .map(v -> v.state().name()).orElse("");
    KeyVersion after = change.get();
    return new KeyStateChange(action, after.table(), after.version(), previous, after.state().name(), forced);
  }
}
