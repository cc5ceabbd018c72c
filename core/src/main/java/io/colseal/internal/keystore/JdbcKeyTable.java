package io.colseal.internal.keystore;

import io.colseal.jdbc.DatabaseVendor;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.exception.KeyTableException;
import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyVersion;
import io.colseal.RegisteredBlindIndex;
import io.colseal.RegisteredColumn;
import io.colseal.kms.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The key table {@code colseal_data_key} over plain JDBC. Every operation borrows one connection,
 * runs in its own short transaction and releases the connection; nothing here joins the
 * application's transaction.
 *
 * <p>Design note: creating the first key of a table is an INSERT that may lose a race against
 * another process. The primary key and the one-ACTIVE-per-table index make the database the
 * arbiter; the loser sees an integrity violation (SQLState class 23), rolls back, and reads the
 * winner's row. No application-level lock is needed, and no process can end up with a second
 * ACTIVE key.
 */
public final class JdbcKeyTable {
  public static final String TABLE = "colseal_data_key";
  public static final String REGISTRY = "colseal_column";

  private static final String COLUMNS =
      "table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key, key_check_value,"
          + " encryptions_reserved, created_at, activated_at, retired_at, destroyed_at, row_version";

  private final ConnectionSource connections;
  private final Clock clock;
  private final @Nullable String environment;
  private volatile @Nullable DatabaseVendor vendor;

  public JdbcKeyTable(ConnectionSource connections, Clock clock) {
    this(connections, clock, null);
  }

  /** A key table whose new versions record {@code environment} ({@code colseal.environment}). */
  public JdbcKeyTable(ConnectionSource connections, Clock clock, @Nullable String environment) {
    this.connections = connections;
    this.clock = clock;
    this.environment = environment;
  }

  /** The database vendor, detected on first use. */
  public DatabaseVendor vendor() {
    DatabaseVendor v = vendor;
    if (v == null) {
      v = withConnection("detect the database", DatabaseVendor::of);
    }
    return v;
  }

  /** Checks that the key table exists with every column colseal reads. */
  public void validateSchema() {
    withConnection(
        "validate the key table",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE 1 = 0");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
          try (PreparedStatement ps = c.prepareStatement(
                  "SELECT encryptions_at_retirement, environment FROM " + TABLE + " WHERE 1 = 0");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
          try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, table_sql, column_sql,"
                  + " java_type, storage, mode, classification FROM " + REGISTRY + " WHERE 1 = 0");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
          try (PreparedStatement ps = c.prepareStatement(
                  "SELECT source_column, normalizer, index_bits FROM " + REGISTRY + " WHERE 1 = 0");
              ResultSet rs = ps.executeQuery()) {
            return rs.next();
          }
        });
  }

  /** The ACTIVE version of {@code table}, if any. */
  public Optional<KeyRow> findActive(String table) {
    return queryOne(
        "read the active key of " + table,
        "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? AND state = 'ACTIVE'",
        table,
        null);
  }

  /** Version {@code version} of {@code table}, if recorded. */
  public Optional<KeyRow> find(String table, int version) {
    return queryOne(
        "read key " + table + " v" + version,
        "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? AND key_version = ?",
        table,
        version);
  }

  /**
   * The versions of {@code table} in {@code states}, newest first: what {@code
   * ColumnCipher.searchVersions()} is built from.
   */
  public List<KeyVersion> listVersions(String table, Set<KeyState> states) {
    return withConnection(
        "list the keys of " + table,
        c -> {
          List<KeyVersion> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? ORDER BY key_version DESC")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                KeyVersion v = read(rs).version();
                if (states.contains(v.state())) {
                  out.add(v);
                }
              }
            }
          }
          return out;
        });
  }

  /** Every version of every table, ordered by table and version. */
  public List<KeyVersion> listAll() {
    return withConnection(
        "list the key table",
        c -> {
          List<KeyVersion> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY table_name, key_version");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs).version());
            }
          }
          return out;
        });
  }

  /** The audit fields of every version, ordered by table and version. */
  public List<KeyAuditFields> listAuditFields() {
    return withConnection(
        "read the audit fields of the key table",
        c -> {
          List<KeyAuditFields> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_version, encryptions_at_retirement,"
                  + " environment FROM " + TABLE + " ORDER BY table_name, key_version");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long atRetirement = rs.getLong(3);
              out.add(new KeyAuditFields(rs.getString(1), rs.getInt(2), rs.wasNull() ? null : atRetirement,
                  rs.getString(4)));
            }
          }
          return out;
        });
  }

  /**
   * Inserts {@code version} of {@code table} as ACTIVE, unless the table already has an ACTIVE
   * version or that version number is taken.
   *
   * @return true if this call created the key; false if another writer won the race
   */
  public boolean insertActive(String table, int version, Algorithm algorithm, WrappedKey wrapped, String keyCheckValue) {
    return inTransaction(
        "create key " + table + " v" + version,
        c -> {
          insert(c, table, version, algorithm, wrapped, keyCheckValue, clock.instant());
          return true;
        });
  }

  private void insert(Connection c, String table, int version, Algorithm algorithm, WrappedKey wrapped,
      String keyCheckValue, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + TABLE
            + " (table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key,"
            + " key_check_value, encryptions_reserved, created_at, activated_at, updated_at, created_by,"
            + " row_version, environment) VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)")) {
      ps.setString(1, table);
      ps.setInt(2, version);
      ps.setString(3, algorithm.name());
      ps.setString(4, wrapped.provider());
      ps.setString(5, wrapped.kekId());
      ps.setBytes(6, wrapped.ciphertext());
      ps.setString(7, keyCheckValue);
      setInstant(ps, 8, now);
      setInstant(ps, 9, now);
      setInstant(ps, 10, now);
      ps.setString(11, ProcessIdentity.describe());
      ps.setString(12, environment);
      ps.executeUpdate();
    }
  }

  /** The next unused version number of {@code table} (1 for a new table). */
  public int nextVersion(String table) {
    return withConnection(
        "find the next key version of " + table,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT MAX(key_version) FROM " + TABLE + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1) + 1;
            }
          }
        });
  }

  /**
   * Rotates {@code table}: version {@code expectedActive} becomes DECRYPT_ONLY and {@code newVersion}
   * is inserted as ACTIVE, in one transaction. Only one of several concurrent rotations of the same
   * version succeeds: the others find it no longer ACTIVE, or lose the insert.
   *
   * @return true if this call rotated; false if another writer got there first
   */
  public boolean rotate(String table, int expectedActive, int newVersion, Algorithm algorithm, WrappedKey wrapped,
      String keyCheckValue) {
    return inTransaction(
        "rotate the key of " + table + " from v" + expectedActive,
        c -> {
          Instant now = clock.instant();
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + TABLE + " SET state = 'DECRYPT_ONLY', retired_at = ?, updated_at = ?,"
                  + " encryptions_at_retirement = encryptions_reserved, row_version = row_version + 1 WHERE table_name = ? AND key_version = ? AND state = 'ACTIVE'")) {
            setInstant(ps, 1, now);
            setInstant(ps, 2, now);
            ps.setString(3, table);
            ps.setInt(4, expectedActive);
            if (ps.executeUpdate() != 1) {
              return false;
            }
          }
          insert(c, table, newVersion, algorithm, wrapped, keyCheckValue, now);
          return true;
        });
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns true, rolled back when it
   * returns false or throws. A constraint violation (another writer got there first) is false.
   */
  private boolean inTransaction(String what, SqlWork<Boolean> work) {
    return withConnection(
        what,
        c -> {
          boolean auto = c.getAutoCommit();
          c.setAutoCommit(false);
          try {
            if (work.run(c)) {
              c.commit();
              return true;
            }
            c.rollback();
            return false;
          } catch (SQLException e) {
            c.rollback();
            if (isIntegrityViolation(e)) {
              return false;
            }
            throw e;
          } finally {
            c.setAutoCommit(auto);
          }
        });
  }

  /**
   * Reserves {@code amount} encryptions of an ACTIVE version, unless that would pass {@code cap}.
   *
   * @return true if reserved; false if the version is not ACTIVE or has less than {@code amount} left
   */
  public boolean reserve(String table, int version, long amount, long cap) {
    return withConnection(
        "reserve encryptions of " + table + " v" + version,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + TABLE + " SET encryptions_reserved = encryptions_reserved + ?, updated_at = ?"
                  + " WHERE table_name = ? AND key_version = ? AND state = 'ACTIVE'"
                  + " AND encryptions_reserved + ? <= ?")) {
            ps.setLong(1, amount);
            setInstant(ps, 2, clock.instant());
            ps.setString(3, table);
            ps.setInt(4, version);
            ps.setLong(5, amount);
            ps.setLong(6, cap);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Moves {@code version} of {@code table} from one of {@code from} to {@code to}, setting the
   * matching timestamp ({@code retired_at} for RETIRED, {@code destroyed_at} and a NULL wrapped key
   * for DESTROYED).
   *
   * @return true if the row was in one of the {@code from} states and moved
   */
  public boolean changeState(String table, int version, Set<KeyState> from, KeyState to) {
    if (from.isEmpty() || from.contains(KeyState.ACTIVE) || to == KeyState.ACTIVE) {
      throw new IllegalArgumentException("ACTIVE versions change only by rotation");
    }
    StringBuilder states = new StringBuilder();
    for (KeyState s : from) {
      states.append(states.length() == 0 ? "'" : ", '").append(s.name()).append('\'');
    }
    String extra = switch (to) {
      case RETIRED -> ", retired_at = COALESCE(retired_at, ?)";
      case DESTROYED -> ", wrapped_key = NULL, destroyed_at = ?";
      default -> "";
    };
    return withConnection(
        "move key " + table + " v" + version + " to " + to,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + TABLE + " SET state = ?" + extra + ", updated_at = ?, row_version = row_version + 1"
                  + " WHERE table_name = ? AND key_version = ? AND state IN (" + states + ")")) {
            Instant now = clock.instant();
            int i = 1;
            ps.setString(i++, to.name());
            if (!extra.isEmpty()) {
              setInstant(ps, i++, now);
            }
            setInstant(ps, i++, now);
            ps.setString(i++, table);
            ps.setInt(i, version);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Replaces the wrapped form of a version (a KEK rewrap), if the row is unchanged since it was read
   * ({@code expectedRowVersion}).
   */
  public boolean replaceWrapped(String table, int version, int expectedRowVersion, WrappedKey wrapped) {
    return withConnection(
        "store the rewrapped key " + table + " v" + version,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + TABLE + " SET wrapped_key = ?, kek_provider = ?, kek_id = ?, updated_at = ?,"
                  + " row_version = row_version + 1 WHERE table_name = ? AND key_version = ? AND row_version = ?"
                  + " AND state <> 'DESTROYED'")) {
            ps.setBytes(1, wrapped.ciphertext());
            ps.setString(2, wrapped.provider());
            ps.setString(3, wrapped.kekId());
            setInstant(ps, 4, clock.instant());
            ps.setString(5, table);
            ps.setInt(6, version);
            ps.setInt(7, expectedRowVersion);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Records or refreshes an encrypted column in the registry {@code colseal_column}. */
  public void register(RegisteredColumn column) {
    withConnection(
        "register " + column.table() + '.' + column.column(),
        c -> {
          Instant now = clock.instant();
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + REGISTRY + " SET table_sql = ?, column_sql = ?, java_type = ?, storage = ?, mode = ?,"
                  + " classification = ?, entity = ?, attribute = ?, last_seen_at = ?"
                  + " WHERE table_name = ? AND column_name = ?")) {
            int i = bindColumn(ps, column, 1);
            setInstant(ps, i, now);
            ps.setString(i + 1, column.table());
            ps.setString(i + 2, column.column());
            if (ps.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO " + REGISTRY + " (table_sql, column_sql, java_type, storage, mode, classification, entity,"
                  + " attribute, registered_at, last_seen_at, table_name, column_name)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindColumn(ps, column, 1);
            setInstant(ps, i, now);
            setInstant(ps, i + 1, now);
            ps.setString(i + 2, column.table());
            ps.setString(i + 3, column.column());
            ps.executeUpdate();
          } catch (SQLException e) {
            if (!isIntegrityViolation(e)) {
              throw e;
            }
            // Another instance registered it at the same moment; its row is as good as ours.
          }
          return null;
        });
  }

  private static int bindColumn(PreparedStatement ps, RegisteredColumn col, int i) throws SQLException {
    ps.setString(i, col.tableSql());
    ps.setString(i + 1, col.columnSql());
    ps.setString(i + 2, col.javaType());
    ps.setString(i + 3, col.storage());
    ps.setString(i + 4, col.mode());
    ps.setString(i + 5, col.classification());
    ps.setString(i + 6, col.entity());
    ps.setString(i + 7, col.attribute());
    return i + 8;
  }

  /**
   * Records or refreshes a blind-index column in the registry {@code colseal_column}, with mode
   * {@code BLIND_INDEX} and its source column, normaliser and bits.
   */
  public void registerBlindIndex(RegisteredBlindIndex index) {
    withConnection(
        "register the blind index " + index.table() + '.' + index.column(),
        c -> {
          Instant now = clock.instant();
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + REGISTRY + " SET table_sql = ?, column_sql = ?, java_type = ?, storage = ?, mode = ?,"
                  + " classification = ?, entity = ?, attribute = ?, source_column = ?, normalizer = ?,"
                  + " index_bits = ?, last_seen_at = ? WHERE table_name = ? AND column_name = ?")) {
            int i = bindBlindIndex(ps, index);
            setInstant(ps, i, now);
            ps.setString(i + 1, index.table());
            ps.setString(i + 2, index.column());
            if (ps.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO " + REGISTRY + " (table_sql, column_sql, java_type, storage, mode, classification, entity,"
                  + " attribute, source_column, normalizer, index_bits, registered_at, last_seen_at, table_name,"
                  + " column_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindBlindIndex(ps, index);
            setInstant(ps, i, now);
            setInstant(ps, i + 1, now);
            ps.setString(i + 2, index.table());
            ps.setString(i + 3, index.column());
            ps.executeUpdate();
          } catch (SQLException e) {
            if (!isIntegrityViolation(e)) {
              throw e;
            }
            // Registered by another instance at the same moment.
          }
          return null;
        });
  }

  private static int bindBlindIndex(PreparedStatement ps, RegisteredBlindIndex index) throws SQLException {
    ps.setString(1, index.tableSql());
    ps.setString(2, index.columnSql());
    ps.setString(3, String.class.getName());
    ps.setString(4, "TEXT");
    ps.setString(5, RegisteredBlindIndex.MODE);
    ps.setString(6, "UNSPECIFIED");
    ps.setString(7, index.entity());
    ps.setString(8, index.attribute());
    ps.setString(9, index.sourceColumn());
    ps.setString(10, index.normalizer());
    ps.setInt(11, index.bits());
    return 12;
  }

  /** Every registered blind-index column, ordered by table and column. */
  public List<RegisteredBlindIndex> blindIndexColumns() {
    return withConnection(
        "read the blind indexes of the column registry",
        c -> {
          List<RegisteredBlindIndex> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(
                  "SELECT table_name, column_name, table_sql, column_sql, source_column, normalizer, index_bits,"
                      + " entity, attribute, registered_at, last_seen_at FROM " + REGISTRY + " WHERE mode = '"
                      + RegisteredBlindIndex.MODE + "' ORDER BY table_name, column_name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String table = rs.getString(1);
              out.add(new RegisteredBlindIndex(table, rs.getString(2), rs.getString(3), rs.getString(4),
                  rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                  io.colseal.keys.BlindIndexKeys.keyName(table), requireInstant(rs, "registered_at"),
                  requireInstant(rs, "last_seen_at")));
            }
          }
          return out;
        });
  }

  /**
   * Every registered encrypted column, ordered by table and column. Blind-index columns hold no
   * envelopes and are listed by {@link #blindIndexColumns()} instead.
   */
  public List<RegisteredColumn> registeredColumns() {
    return withConnection(
        "read the column registry",
        c -> {
          List<RegisteredColumn> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(
                  "SELECT table_name, column_name, table_sql, column_sql, java_type, storage, mode, classification,"
                      + " entity, attribute, registered_at, last_seen_at FROM " + REGISTRY + " WHERE mode <> '"
                      + RegisteredBlindIndex.MODE + "' ORDER BY table_name, column_name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new RegisteredColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                  rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                  rs.getString(10), requireInstant(rs, "registered_at"), requireInstant(rs, "last_seen_at")));
            }
          }
          return out;
        });
  }

  /** Runs {@code work} on a borrowed connection, mapping SQL failures to {@link KeyTableException}. */
  public <T> T query(String what, SqlWork<T> work) {
    return withConnection(what, work);
  }

  static boolean isIntegrityViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state != null && state.startsWith("23")) {
        return true;
      }
    }
    return e.getCause() instanceof SQLException cause && cause != e && isIntegrityViolation(cause);
  }

  private Optional<KeyRow> queryOne(String what, String sql, String table, @Nullable Integer version) {
    return withConnection(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            if (version != null) {
              ps.setInt(2, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<KeyRow>empty();
            }
          }
        });
  }

  private KeyRow read(ResultSet rs) throws SQLException {
    String table = rs.getString("table_name");
    byte[] wrapped = rs.getBytes("wrapped_key");
    String provider = rs.getString("kek_provider");
    String kekId = rs.getString("kek_id");
    KeyVersion v =
        new KeyVersion(
            table,
            rs.getInt("key_version"),
            KeyState.valueOf(rs.getString("state")),
            Algorithm.valueOf(rs.getString("algorithm")),
            provider,
            kekId,
            rs.getString("key_check_value"),
            rs.getLong("encryptions_reserved"),
            requireInstant(rs, "created_at"),
            getInstant(rs, "activated_at"),
            getInstant(rs, "retired_at"),
            getInstant(rs, "destroyed_at"));
    return new KeyRow(v, wrapped == null || wrapped.length == 0 ? null : new WrappedKey(provider, kekId, wrapped),
        rs.getInt("row_version"));
  }

  private Instant requireInstant(ResultSet rs, String column) throws SQLException {
    Instant i = getInstant(rs, column);
    if (i == null) {
      throw new SQLException(column + " is NULL in " + TABLE, "22004");
    }
    return i;
  }

  private @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    if (vendor().zonedTimestamps()) {
      OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, vendor().zonedTimestamps() ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
    } else if (vendor().zonedTimestamps()) {
      ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    } else {
      ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /** Work on a borrowed connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(String what, SqlWork<T> work) {
    Connection c = null;
    try {
      c = connections.open();
      if (vendor == null) {
        vendor = DatabaseVendor.of(c);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new KeyTableException("could not " + what + " in " + TABLE, e);
    } finally {
      if (c != null) {
        try {
          connections.release(c);
        } catch (SQLException ignored) {
          // The operation's outcome is already decided; a failed release is the pool's concern.
        }
      }
    }
  }
}
