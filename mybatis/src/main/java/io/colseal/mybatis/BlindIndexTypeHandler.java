package io.colseal.mybatis;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.Normalizer;
import io.colseal.RegisteredBlindIndex;
import io.colseal.exception.ErrorCode;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.Identifiers;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandler;
import org.jspecify.annotations.Nullable;

/**
 * A MyBatis type handler for a blind-index column named by the subclass's {@link BlindIndex}
 * annotation. It takes the plaintext of the indexed column and binds its index value, for writing
 * the index column and for searching it:
 *
 * <pre>{@code
 * @BlindIndex(table = "customers", column = "phone_bidx", of = "phone", normalizer = Normalizer.DIGITS_ONLY)
 * public final class CustomerPhoneIndex extends BlindIndexTypeHandler {}
 *
 * INSERT INTO customers (id, phone, phone_bidx)
 *     VALUES (#{id}, #{phone,typeHandler=CustomerPhone}, #{phone,typeHandler=CustomerPhoneIndex})
 * SELECT ... FROM customers WHERE phone_bidx = #{phone,typeHandler=CustomerPhoneIndex}
 * }</pre>
 *
 * <p>Reading the column returns the stored index value ({@code bi1:...}) as it is; there is
 * nothing to decrypt. The blind-index key of the table is never rotated while an index uses it
 * ({@link BlindIndexKeys}), so a search finds rows of every data-key version. Bound by {@link
 * ColsealMyBatis#configure} like {@link EncryptedTypeHandler}. Thread safe.
 */
public abstract class BlindIndexTypeHandler implements TypeHandler<String> {
  private final String table;
  private final String column;
  private final String tableSql;
  private final String columnSql;
  private final String source;
  private final Normalizer normalizer;
  private final int bits;
  private final HandlerBinding<BlindIndexer> binding;

  /**
   * Reads the subclass's {@link BlindIndex} annotation.
   *
   * @throws ColsealMyBatisException if it is missing or its bits are out of range
   */
  protected BlindIndexTypeHandler() {
    BlindIndex b = Declarations.annotation(getClass(), BlindIndex.class, BlindIndexTypeHandler.class);
    this.tableSql = b.table();
    this.columnSql = b.column();
    this.table = Identifiers.normalize(b.table());
    this.column = Identifiers.normalize(b.column());
    this.source = Identifiers.normalize(b.of());
    this.normalizer = b.normalizer();
    if (b.bits() < 0 || b.bits() > 256) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, getClass().getName() + " (" + table + '.' + column
          + "): bits must be 0 (no truncation) or 1..256, got " + b.bits());
    }
    this.bits = b.bits();
    this.binding = new HandlerBinding<>(getClass(), table, column);
  }

  /** Whether {@link #bind} was called; with {@code colseal} non-null, whether with that instance. */
  final boolean isBound(@Nullable Colseal colseal) {
    return binding.isBound(colseal);
  }

  /** Binds this instance to {@code colseal}; again to the same instance is a no-op. */
  final void bind(Colseal colseal) {
    binding.bind(colseal, c -> c.blindIndexer(table, column, normalizer, bits));
  }

  /**
   * The indexer: {@link BlindIndexer#compute} and, for a truncated index, {@link
   * BlindIndexer#sameNormalized} to drop false positives.
   *
   * @throws ColsealMyBatisException if the handler is not bound
   */
  public final BlindIndexer indexer() {
    return binding.get();
  }

  /** Normalised table name. */
  public final String table() {
    return table;
  }

  /** Normalised index column name. */
  public final String column() {
    return column;
  }

  /** Normalised name of the indexed column. */
  public final String source() {
    return source;
  }

  /** This index's entry for colseal's column registry: the entity is the handler's class name. */
  public final RegisteredBlindIndex describe() {
    return new RegisteredBlindIndex(table, column, tableSql, columnSql, source, normalizer, bits == 0 ? 256 : bits,
        getClass().getName(), column, BlindIndexKeys.keyName(table), null, null);
  }

  @Override
  public final void setParameter(PreparedStatement ps, int i, @Nullable String parameter, @Nullable JdbcType jdbcType)
      throws SQLException {
    BlindIndexer indexer = indexer();
    if (parameter == null) {
      ps.setNull(i, jdbcType != null && jdbcType != JdbcType.OTHER ? jdbcType.TYPE_CODE : Types.VARCHAR);
    } else {
      ps.setString(i, indexer.compute(parameter));
    }
  }

  @Override
  public final @Nullable String getResult(ResultSet rs, String columnName) throws SQLException {
    return rs.getString(columnName);
  }

  @Override
  public final @Nullable String getResult(ResultSet rs, int columnIndex) throws SQLException {
    return rs.getString(columnIndex);
  }

  @Override
  public final @Nullable String getResult(CallableStatement cs, int columnIndex) throws SQLException {
    return cs.getString(columnIndex);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + table + '.' + column + " of " + source + ", " + normalizer + ", "
        + (bits == 0 ? 256 : bits) + " bits" + (binding.isBound(null) ? "" : ", unbound") + "]";
  }
}
