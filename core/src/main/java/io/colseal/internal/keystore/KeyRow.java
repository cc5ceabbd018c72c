package io.colseal.internal.keystore;

import io.colseal.keys.KeyVersion;
import io.colseal.kms.WrappedKey;
import org.jspecify.annotations.Nullable;

/** A key-table row: metadata plus the wrapped key, which is null once destroyed. */
/** {@code rowVersion} is the optimistic-lock counter of the row. */
public record KeyRow(KeyVersion version, @Nullable WrappedKey wrapped, int rowVersion) {
  @Override
  public String toString() {
    return "KeyRow[" + version.table() + " v" + version.version() + ", " + version.state() + "]";
  }
}
