package io.colseal.hibernate;

import static java.util.Objects.requireNonNull;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.Normalizer;
import io.colseal.RegisteredBlindIndex;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.Identifiers;
import jakarta.persistence.AttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * The converter on a {@code @BlindIndex} attribute, one instance per index column. Towards the
 * database it turns a plaintext into the stored index value: the source value that {@link
 * BlindIndexGenerator} puts into the attribute before each insert and update, and a query
 * parameter compared with the attribute. From the database it returns the stored index unchanged
 * (it cannot be inverted).
 */
final class BlindIndexConverter implements AttributeConverter<String, String> {
  private final String entity;
  private final String attribute;
  private final String source;
  private final String table;
  private final String column;
  private final Normalizer normalizer;
  private final int bits;
  private volatile @Nullable String sourceColumn;
  private volatile @Nullable String tableSql;
  private volatile @Nullable String columnSql;
  private volatile @Nullable BlindIndexer indexer;

  BlindIndexConverter(String entity, String attribute, String source, String table, String column,
      Normalizer normalizer, int bits) {
    this.entity = entity;
    this.attribute = attribute;
    this.source = source;
    this.table = Identifiers.normalize(table);
    this.column = Identifiers.normalize(column);
    this.normalizer = normalizer;
    this.bits = bits;
  }

  @Override
  public @Nullable String convertToDatabaseColumn(@Nullable String plaintext) {
    return plaintext == null ? null : requireIndexer().compute(plaintext);
  }

  @Override
  public @Nullable String convertToEntityAttribute(@Nullable String stored) {
    return stored;
  }

  String entity() {
    return entity;
  }

  String attribute() {
    return attribute;
  }

  /** The indexed attribute. */
  String source() {
    return source;
  }

  String table() {
    return table;
  }

  String column() {
    return column;
  }

  void sourceColumn(String column) {
    sourceColumn = Identifiers.normalize(column);
  }

  void sqlNames(String table, String column) {
    tableSql = table;
    columnSql = column;
  }

  boolean bound() {
    return indexer != null;
  }

  void bindRuntime(Colseal colseal) {
    indexer = colseal.blindIndexer(table, column, normalizer, bits);
  }

  void unbindRuntime() {
    indexer = null;
  }

  BlindIndexer requireIndexer() {
    BlindIndexer i = indexer;
    if (i == null) {
      throw new IllegalStateException("colseal blind index " + entity + '.' + attribute
          + " is not bound to a running colseal instance: the SessionFactory was not built with colseal's"
          + " integrator, or it was closed");
    }
    return i;
  }

  /** The registry entry of this index column. */
  RegisteredBlindIndex describe() {
    String t = tableSql;
    String c = columnSql;
    String s = sourceColumn;
    return new RegisteredBlindIndex(table, column, t != null ? t : table, c != null ? c : column,
        s != null ? s : source, normalizer, bits == 0 ? 256 : bits, entity, attribute,
        BlindIndexKeys.keyName(table), null, null);
  }

  @Override
  public String toString() {
    return "BlindIndexConverter[" + table + '.' + column + " of " + requireNonNull(source) + ", " + normalizer + "]";
  }
}
