package io.colseal.hibernate;

import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.keys.Identifiers;

/** Where a converter's values live and how they are sealed, as learned at bootstrap. Names are normalised. */
record ColumnBinding(
    String entity,
    String attribute,
    String table,
    String column,
    Class<?> javaType,
    Storage storage,
    EncryptionMode mode,
    io.colseal.ColumnAlgorithm algorithm,
    String source) {
  static ColumnBinding of(String entity, String attribute, String table, String column, Class<?> javaType,
      Storage storage, EncryptionMode mode, io.colseal.ColumnAlgorithm algorithm, String source) {
    return new ColumnBinding(entity, attribute, Identifiers.normalize(table), Identifiers.normalize(column), javaType,
        storage, mode, algorithm, source);
  }

  EncryptedColumn toColumn(io.colseal.Classification classification, String tableSql, String columnSql) {
    return new EncryptedColumn(entity, attribute, table, column, javaType, storage, classification, tableSql, columnSql,
        mode);
  }

  String where() {
    return entity + '.' + attribute;
  }
}
