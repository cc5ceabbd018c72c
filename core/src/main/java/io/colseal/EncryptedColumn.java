package io.colseal;

/**
 * One encrypted column of a Hibernate mapping, as found at start-up: which entity attribute maps to
 * which physical table and column, with what Java type and storage. The inventory that the {@code
 * colseal} CLI and the audit report build on.
 *
 * @param entity entity name, or the owning collection role for elements of embeddable collections
 * @param attribute attribute path within the entity, e.g. {@code homeAddress.street}
 * @param table normalised physical table name bound into the values
 * @param column normalised physical column name bound into the values
 * @param javaType Java type of the attribute (boxed)
 * @param storage resolved storage, TEXT or BINARY
 * @param classification what the column holds
 * @param tableSql the table as Hibernate writes it in SQL (quoted or schema-qualified if mapped so)
 * @param columnSql the column as Hibernate writes it in SQL
 * @param mode how values are sealed: {@code RANDOMIZED} or {@code DETERMINISTIC} ({@code
 *     @Encrypted(deterministic = true)}); recorded in the registry's {@code mode} column
 */
public record EncryptedColumn(
    String entity,
    String attribute,
    String table,
    String column,
    Class<?> javaType,
    Storage storage,
    Classification classification,
    String tableSql,
    String columnSql,
    EncryptionMode mode) {

  public EncryptedColumn {
    java.util.Objects.requireNonNull(mode, "mode");
  }

  /** A {@link EncryptionMode#RANDOMIZED} column. */
  public EncryptedColumn(String entity, String attribute, String table, String column, Class<?> javaType,
      Storage storage, Classification classification, String tableSql, String columnSql) {
    this(entity, attribute, table, column, javaType, storage, classification, tableSql, columnSql,
        EncryptionMode.RANDOMIZED);
  }

  @Override
  public String toString() {
    return entity + '.' + attribute + " -> " + table + '.' + column + " (" + javaType.getSimpleName() + ", " + storage + ", "
        + mode + ")";
  }
}
