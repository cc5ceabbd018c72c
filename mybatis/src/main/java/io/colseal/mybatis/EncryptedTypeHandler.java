package io.colseal.mybatis;

import static java.util.Objects.requireNonNull;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.KeyUnavailableException;
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
 * A MyBatis type handler that encrypts the values of one column, named by the subclass's {@link
 * Encrypted} annotation, with the Java type of its type argument:
 *
 * <pre>{@code
 * @Encrypted(table = "customers", column = "email", deterministic = true)
 * public final class CustomerEmail extends EncryptedTypeHandler<String> {}
 *
 * <insert id="insert">INSERT INTO customers (id, email) VALUES (#{id}, #{email,typeHandler=CustomerEmail})</insert>
 * <result column="email" property="email" typeHandler="CustomerEmail"/>
 * }</pre>
 *
 * <p>Any Java type colseal encrypts ({@link io.colseal.SupportedType}). Text storage binds and reads with
 * {@code setString}/{@code getString}, binary storage with {@code setBytes}/{@code getBytes}. SQL
 * NULL stays NULL. The stored values are those a {@link ColumnCipher} for the same table, column,
 * type, storage and mode produces, and those {@code @Encrypted} of colseal-hibernate stores.
 *
 * <p>A handler works once {@link ColsealMyBatis#configure} has bound it to a {@link Colseal}; that
 * call creates the instance, registers it in the {@code Configuration}'s {@code
 * TypeHandlerRegistry} (for no Java type, so {@code String} keeps MyBatis's own handler) and adds
 * the column to colseal's column registry. An instance MyBatis creates itself is unbound and fails
 * with {@link ColsealMyBatisException} on first use, never writes a plaintext. Thread safe.
 *
 * <p>Errors: a stored value that does not decrypt (altered, or copied from another column, table
 * or key) throws {@link DecryptionException} naming the table, column and key version; a retired or
 * destroyed key throws {@link KeyUnavailableException}. MyBatis wraps them in its own exceptions
 * ({@code ResultMapException}, {@code TypeException}); the colseal exception is the cause.
 *
 * @param <T> the Java type of the property
 */
public abstract class EncryptedTypeHandler<T> implements TypeHandler<T> {
  private final String table;
  private final String column;
  private final String tableSql;
  private final String columnSql;
  private final Class<T> javaType;
  private final Storage storage;
  private final EncryptionMode mode;
  private final Classification classification;
  private final HandlerBinding<ColumnCipher<T, ?>> binding;

  /**
   * Reads the subclass's {@link Encrypted} annotation and type argument.
   *
   * @throws ColsealMyBatisException if the annotation is missing or the type is not one colseal
   *     encrypts
   */
  @SuppressWarnings("unchecked")
  protected EncryptedTypeHandler() {
    Encrypted e = Declarations.annotation(getClass(), Encrypted.class, EncryptedTypeHandler.class);
    this.tableSql = e.table();
    this.columnSql = e.column();
    this.table = Identifiers.normalize(e.table());
    this.column = Identifiers.normalize(e.column());
    this.javaType = (Class<T>) Declarations.javaType(getClass());
    this.storage = e.storage().resolveFor(javaType);
    this.mode = e.deterministic() ? EncryptionMode.DETERMINISTIC : EncryptionMode.RANDOMIZED;
    this.classification = e.classification();
    this.binding = new HandlerBinding<>(getClass(), table, column);
  }

  /** Whether {@link #bind} was called; with {@code colseal} non-null, whether with that instance. */
  final boolean isBound(@Nullable Colseal colseal) {
    return binding.isBound(colseal);
  }

  /** Binds this instance to {@code colseal}; again to the same instance is a no-op. */
  final void bind(Colseal colseal) {
    binding.bind(colseal, c -> c.column(table, column, javaType, storage, mode));
  }

  /**
   * The cipher this handler encrypts with: for code that needs {@link ColumnCipher#searchVersions()}
   * or {@link ColumnCipher#envelopePrefix(int)} of the same column.
   *
   * @throws ColsealMyBatisException if the handler is not bound
   */
  public final ColumnCipher<T, ?> cipher() {
    return binding.get();
  }

  /** Normalised table name bound into every value. */
  public final String table() {
    return table;
  }

  /** Normalised column name bound into every value. */
  public final String column() {
    return column;
  }

  public final Class<T> javaType() {
    return javaType;
  }

  /** TEXT or BINARY. */
  public final Storage storage() {
    return storage;
  }

  public final EncryptionMode mode() {
    return mode;
  }

  /** This column's entry for colseal's column registry: the entity is the handler's class name. */
  public final EncryptedColumn describe() {
    return new EncryptedColumn(getClass().getName(), column, table, column, javaType, storage, classification,
        tableSql, columnSql, mode);
  }

  @Override
  public final void setParameter(PreparedStatement ps, int i, @Nullable T parameter, @Nullable JdbcType jdbcType)
      throws SQLException {
    ColumnCipher<T, ?> cipher = cipher();
    if (parameter == null) {
      setNull(ps, i, jdbcType);
    } else {
      setStored(ps, i, requireNonNull(cipher.encrypt(parameter)));
    }
  }

  /**
   * Binds {@code parameter} sealed under key version {@code version}: one of the values an equality
   * search on a deterministic column binds. {@code term} keeps the ACTIVE envelope of the last value
   * so that a search encrypts a value once however many versions it binds.
   */
  final void setSearchParameter(PreparedStatement ps, int i, @Nullable T parameter, @Nullable JdbcType jdbcType,
      int version, SearchTerm term) throws SQLException {
    ColumnCipher<T, ?> cipher = cipher();
    if (parameter == null) {
      setNull(ps, i, jdbcType);
    } else {
      setStored(ps, i, sealedUnder(cipher, parameter, version, term));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T, S> S sealedUnder(ColumnCipher<T, S> cipher, T value, int version, SearchTerm term) {
    S active = (S) term.envelopeOf(value, v -> cipher.encrypt((T) v));
    return cipher.keyVersionOf(active).orElse(-1) == version ? active : cipher.sealedUnder(active, version);
  }

  private void setNull(PreparedStatement ps, int i, @Nullable JdbcType jdbcType) throws SQLException {
    ps.setNull(i, jdbcType != null && jdbcType != JdbcType.OTHER ? jdbcType.TYPE_CODE
        : storage == Storage.BINARY ? Types.VARBINARY : Types.VARCHAR);
  }

  private static void setStored(PreparedStatement ps, int i, Object stored) throws SQLException {
    if (stored instanceof byte[] bytes) {
      ps.setBytes(i, bytes);
    } else {
      ps.setString(i, (String) stored);
    }
  }

  @Override
  public final @Nullable T getResult(ResultSet rs, String columnName) throws SQLException {
    ColumnCipher<T, ?> cipher = cipher();
    return decrypt(cipher, storage == Storage.BINARY ? rs.getBytes(columnName) : rs.getString(columnName));
  }

  @Override
  public final @Nullable T getResult(ResultSet rs, int columnIndex) throws SQLException {
    ColumnCipher<T, ?> cipher = cipher();
    return decrypt(cipher, storage == Storage.BINARY ? rs.getBytes(columnIndex) : rs.getString(columnIndex));
  }

  @Override
  public final @Nullable T getResult(CallableStatement cs, int columnIndex) throws SQLException {
    ColumnCipher<T, ?> cipher = cipher();
    return decrypt(cipher, storage == Storage.BINARY ? cs.getBytes(columnIndex) : cs.getString(columnIndex));
  }

  @SuppressWarnings("unchecked")
  private static <T, S> @Nullable T decrypt(ColumnCipher<T, S> cipher, @Nullable Object stored) {
    return cipher.decrypt((S) stored);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + table + '.' + column + ", " + javaType.getSimpleName() + ", " + storage
        + ", " + mode + (binding.isBound(null) ? "" : ", unbound") + "]";
  }
}
