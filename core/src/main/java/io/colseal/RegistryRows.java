package io.colseal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.keystore.ColumnRegistry;
import io.colseal.keys.BlindIndexKeys;
import org.jspecify.annotations.Nullable;

/**
 * Registry rows to typed records and back: the one place that knows how a {@link Storage}, {@link
 * EncryptionMode}, {@link Classification} or {@link Normalizer} is written in {@code
 * colseal_column} (its constant's name).
 */
final class RegistryRows {
  private RegistryRows() {}

  static ColumnRegistry.Row row(EncryptedColumn c) {
    return new ColumnRegistry.Row(c.table(), c.column(), c.tableSql(), c.columnSql(), c.javaType().getName(),
        c.storage().name(), c.mode().name(), c.classification().name(), c.entity(), c.attribute(), null, null, null,
        null, null);
  }

  static ColumnRegistry.Row row(RegisteredBlindIndex i) {
    return new ColumnRegistry.Row(i.table(), i.column(), i.tableSql(), i.columnSql(), String.class.getName(),
        Storage.TEXT.name(), ColumnRegistry.BLIND_INDEX_MODE, Classification.UNSPECIFIED.name(), i.entity(),
        i.attribute(), i.sourceColumn(), i.normalizer().name(), i.bits(), null, null);
  }

  /**
   * The typed record of a row.
   *
   * @throws ColsealConfigException naming the column and the value, if the row holds a storage,
   *     mode or classification this release does not know
   */
  static RegisteredColumn column(ColumnRegistry.Row r) {
    return new RegisteredColumn(r.table(), r.column(), r.tableSql(), r.columnSql(), r.javaType(),
        constant(Storage.class, r.storage(), r, "storage"), constant(EncryptionMode.class, r.mode(), r, "mode"),
        constant(Classification.class, r.classification(), r, "classification"), r.entity(), r.attribute(),
        r.registeredAt(), r.lastSeenAt());
  }

  /** The typed record of a blind-index row; see {@link #column}. */
  static RegisteredBlindIndex blindIndex(ColumnRegistry.Row r) {
    Integer bits = r.indexBits();
    String source = r.sourceColumn();
    if (bits == null || source == null) {
      throw new ColsealConfigException("column registry: blind index " + r.table() + '.' + r.column()
          + " has no source column or index bits");
    }
    return new RegisteredBlindIndex(r.table(), r.column(), r.tableSql(), r.columnSql(), source,
        constant(Normalizer.class, r.normalizer(), r, "normalizer"), bits, r.entity(), r.attribute(),
        BlindIndexKeys.keyName(r.table()), r.registeredAt(), r.lastSeenAt());
  }

  private static <E extends Enum<E>> E constant(Class<E> type, @Nullable String value, ColumnRegistry.Row r,
      String what) {
    if (value != null) {
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
    }
    throw new ColsealConfigException("column registry: " + r.table() + '.' + r.column() + " has " + what + " '"
        + value + "', which this release of colseal does not know (written by a newer colseal?)");
  }
}
