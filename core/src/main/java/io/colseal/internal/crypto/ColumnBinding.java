package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import java.util.Arrays;

/**
 * The column part of every value's binding ({@link EnvelopeFormat#columnBinding}), compared by
 * content: a data key caches one column key per binding, however many sealers a column has.
 */
final class ColumnBinding {
  private final byte[] bytes;
  private final int hash;

  ColumnBinding(String table, String column) {
    this.bytes = EnvelopeFormat.columnBinding(table, column);
    this.hash = Arrays.hashCode(bytes);
  }

  /** The binding's bytes (shared; never modify). */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnBinding b && b.hash == hash && Arrays.equals(b.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ColumnBinding[" + bytes.length + " bytes]";
  }
}
