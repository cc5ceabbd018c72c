package io.colseal.hibernate;

import static java.util.Objects.requireNonNull;

import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.Storage;
import io.colseal.SupportedType;
import jakarta.persistence.AttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * The JPA converter behind {@code @Encrypted}: one instance per column, which knows its physical
 * table and column and, once the SessionFactory is built, the running {@link Colseal}.
 *
 * <p>For the plain JPA path without {@code @Encrypted}, extend {@link EncryptedTextConverter} or
 * {@link EncryptedBinaryConverter} once per column and name it in {@code @Convert}; colseal binds
 * the table and column from the mapping at start-up. Hibernate shares one instance per converter
 * class, so a class used on two columns fails the bootstrap; {@code @Encrypted} has no such limit.
 *
 * @param <T> the attribute's Java type
 * @param <S> {@code String} for text storage, {@code byte[]} for binary storage
 */
public abstract class EncryptingConverter<T, S> implements AttributeConverter<T, S> {
  private final Class<T> javaType;
  private final Storage storage;
  private volatile @Nullable ColumnBinding binding;
  private volatile @Nullable ColumnCipher<T, S> cipher;
  private volatile io.colseal.Classification classification = io.colseal.Classification.UNSPECIFIED;
  private volatile @Nullable String tableSql;
  private volatile @Nullable String columnSql;

  EncryptingConverter(Class<T> javaType, Storage storage) {
    this.javaType = requireNonNull(javaType, "javaType");
    if (storage == Storage.AUTO) {
      throw new IllegalArgumentException("storage must be TEXT or BINARY");
    }
    if (!SupportedType.isSupported(javaType)) {
      throw new IllegalArgumentException(javaType.getName() + " cannot be encrypted; supported: " + SupportedType.describeAll());
    }
    this.storage = storage;
  }

  public final Class<T> javaType() {
    return javaType;
  }

  public final Storage storage() {
    return storage;
  }

  @Override
  public final @Nullable S convertToDatabaseColumn(@Nullable T attribute) {
    if (attribute == null) {
      return null;
    }
    ColumnCipher<T, S> c = requireCipher();
    return c.rowBound() ? c.encrypt(attribute, RowBoundAttributes.writingRow(this)) : c.encrypt(attribute);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final @Nullable T convertToEntityAttribute(@Nullable S dbData) {
    if (dbData == null) {
      return null;
    }
    ColumnCipher<T, S> c = requireCipher();
    // A row-bound value waits for its entity's pre-load event, which knows the row (RowBoundAttributes);
    // the binder allows bindToRow only where the stored and the Java type are the same class.
    return c.rowBound() ? (T) RowBoundAttributes.deferred(dbData) : c.decrypt(dbData);
  }

  /** A row-bound value read by {@link #convertToEntityAttribute}, decrypted with its row's key. */
  @SuppressWarnings("unchecked")
  final @Nullable Object openBound(Object stored, io.colseal.RowKey row) {
    return requireCipher().decrypt((S) stored, row);
  }

  final @Nullable ColumnBinding binding() {
    return binding;
  }

  final void classification(io.colseal.Classification c) {
    classification = c;
  }

  /** Records the identifiers Hibernate uses in SQL for this column (from the runtime model). */
  final void sqlNames(String table, String column) {
    tableSql = table;
    columnSql = column;
  }

  /** The inventory entry of this converter's column. */
  final io.colseal.EncryptedColumn describe() {
    ColumnBinding b = requireNonNull(binding, "binding");
    String t = tableSql;
    String c = columnSql;
    return b.toColumn(classification, t != null ? t : b.table(), c != null ? c : b.column());
  }

  final synchronized void bindColumn(ColumnBinding b) {
    ColumnBinding existing = binding;
    if (existing != null && !(existing.table().equals(b.table()) && existing.column().equals(b.column()))) {
      throw new io.colseal.hibernate.ColsealMappingException(
          "converter " + getClass().getName() + " is shared by " + existing.where() + " (" + existing.table() + '.'
              + existing.column() + ") and " + b.where() + " (" + b.table() + '.' + b.column()
              + "); each encrypted column needs its own converter class, or use @Encrypted");
    }
    binding = b;
  }

  @SuppressWarnings("unchecked")
  final void bindRuntime(Colseal colseal) {
    ColumnBinding b = requireNonNull(binding, "binding");
    cipher = (ColumnCipher<T, S>) colseal.column(b.table(), b.column(), javaType, storage, b.mode(), b.algorithm());
  }

  final void unbindRuntime() {
    cipher = null;
  }

  /**
   * The cipher bound to the running colseal instance, in the column's mode: for code in this
   * package that encrypts query parameters as the column stores them.
   *
   * @throws IllegalStateException if the converter is not bound (no colseal integrator, or closed)
   */
  ColumnCipher<T, S> cipher() {
    return requireCipher();
  }

  private ColumnCipher<T, S> requireCipher() {
    ColumnCipher<T, S> c = cipher;
    if (c == null) {
      ColumnBinding b = binding;
      throw new IllegalStateException(
          "colseal converter for " + (b == null ? getClass().getName() : b.where())
              + " is not bound to a running colseal instance: the SessionFactory was not built with colseal's"
              + " integrator, or it was closed");
    }
    return c;
  }

  @Override
  public String toString() {
    ColumnBinding b = binding;
    return "EncryptingConverter[" + (b == null ? "unbound" : b.table() + '.' + b.column() + ", " + b.mode()) + ", "
        + javaType.getSimpleName() + ", " + storage + "]";
  }
}
