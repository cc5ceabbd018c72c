package io.colseal.internal.keystore;

import io.colseal.ConnectionSource;
import io.colseal.KeyTableException;
import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
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

  private static final String COLUMNS =
      "table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key, key_check_value,"
          + " encryptions_reserved, created_at, activated_at, retired_at, destroyed_at";

  private final ConnectionSource connections;
  private final Clock clock;
  private volatile @Nullable DatabaseVendor vendor;

  public JdbcKeyTable(ConnectionSource connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
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

  /**
   * Inserts {@code version} of {@code table} as ACTIVE, unless the table already has an ACTIVE
   * version or that version number is taken.
   *
   * @return true if this call created the key; false if another writer won the race
   */
  public boolean insertActive(String table, int version, Algorithm algorithm, WrappedKey wrapped, String keyCheckValue) {
    return withConnection(
        "create key " + table + " v" + version,
        c -> {
          Instant now = clock.instant();
          boolean auto = c.getAutoCommit();
          c.setAutoCommit(false);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + TABLE
                      + " (table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key,"
                      + " key_check_value, encryptions_reserved, created_at, activated_at, updated_at, created_by,"
                      + " row_version) VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0)")) {
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
            ps.executeUpdate();
            c.commit();
            return true;
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
    return new KeyRow(v, wrapped == null || wrapped.length == 0 ? null : new WrappedKey(provider, kekId, wrapped));
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

  @FunctionalInterface
  interface SqlWork<T> {
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
