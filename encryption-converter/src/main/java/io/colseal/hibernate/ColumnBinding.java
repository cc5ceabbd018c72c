package io.colseal.hibernate;

import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.internal.format.Identifiers;

/** Where a converter's values live, as learned at bootstrap. Names are normalised. */
record ColumnBinding(String entity, String attribute, String table, String column, Class<?> javaType, Storage storage, String source) {
  static ColumnBinding of(String entity, String attribute, String table, String column, Class<?> javaType, Storage storage, String source) {
    return new ColumnBinding(entity, attribute, Identifiers.normalize(table), Identifiers.normalize(column), javaType, storage, source);
  }

  EncryptedColumn toColumn(io.colseal.Classification classification, String tableSql, String columnSql) {
    return new EncryptedColumn(entity, attribute, table, column, javaType, storage, classification, tableSql, columnSql);
  }

  String where() {
    return entity + '.' + attribute;
  }
}
