package io.colseal.mybatis;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandler;
import org.jspecify.annotations.Nullable;

/**
 * One marker of an expanded search ({@link SearchableSql}): binds the parameter's value sealed
 * under one key version. Created per statement execution, never registered.
 */
final class VersionedSearchHandler<T> implements TypeHandler<T> {
  private final EncryptedTypeHandler<T> column;
  private final int version;
  private final SearchTerm term;

  VersionedSearchHandler(EncryptedTypeHandler<T> column, int version, SearchTerm term) {
    this.column = column;
    this.version = version;
    this.term = term;
  }

  @Override
  public void setParameter(PreparedStatement ps, int i, @Nullable T parameter, @Nullable JdbcType jdbcType)
      throws SQLException {
    column.setSearchParameter(ps, i, parameter, jdbcType, version, term);
  }

  @Override
  public @Nullable T getResult(ResultSet rs, String columnName) throws SQLException {
    return column.getResult(rs, columnName);
  }

  @Override
  public @Nullable T getResult(ResultSet rs, int columnIndex) throws SQLException {
    return column.getResult(rs, columnIndex);
  }

  @Override
  public @Nullable T getResult(CallableStatement cs, int columnIndex) throws SQLException {
    return column.getResult(cs, columnIndex);
  }

  @Override
  public String toString() {
    return column + " under key version " + version;
  }
}
