package io.colseal.exception;

/**
 * A row key cannot be bound into a value of a row-bound column: a part is null or of a type
 * without a canonical encoding (see {@code io.colseal.RowKey}). Code {@link
 * ErrorCode#MAPPING_INVALID}: the column's primary key does not fit row binding. The message names
 * the table, the column and the part's position and type, never its value.
 */
public class RowKeyException extends ColsealException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;

  public RowKeyException(String table, String column, String problem) {
    super(ErrorCode.MAPPING_INVALID, "row key for " + table + '.' + column + ": " + problem);
    this.table = table;
    this.column = column;
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }
}
