package io.colseal.internal.keystore;

import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyEvent;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.kms.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The key table {@code colseal_data_key}: one row per (application table, key version) holding the
 * wrapped data key and its lifecycle. Every method is one short transaction of its own ({@link
 * JdbcSupport}); nothing here joins the application's transaction.
 *
 * <p>Design note: creating the first key of a table, or the next version of a rotation, is an
 * INSERT that may lose a race against another process. The primary key {@code (table_name,
 * key_version)} and the one-ACTIVE-per-table index make the database the arbiter: the loser gets a
 * unique violation of one of these two, rolls back, and reads the winner's row. Only those two
 * violations count as a lost race ({@link #LOST_RACE}); any other failure (a check constraint, a
 * missing column, a broken connection) is reported with its SQLState and the operation that hit
 * it.
 */
public final class DataKeyTable {
  public static final String TABLE = "colseal_data_key";
  /** The history of key commands' changes (migration V0_8); see {@link KeyEvent}. */
  public static final String EVENT_TABLE = "colseal_key_event";

  /**
   * The unique constraints whose violation means "another writer created this key first": the
   * one-ACTIVE-per-table index and the primary key ({@code PRIMARY} in MariaDB and MySQL messages;
   * H2 names the index and then the table, {@code PRIMARY KEY ON PUBLIC.COLSEAL_DATA_KEY(...)} in 2.4
   * and later, {@code PUBLIC.PRIMARY_KEY_6 ON PUBLIC.COLSEAL_DATA_KEY(...)} in 2.3, which Spring Boot
   * 3.5 manages, so the table is what is matched: every unique index on it guards against a race).
   */
  static final String[] LOST_RACE = {"colseal_data_key_one_active", "colseal_data_key_pk", "PRIMARY'",
      "." + TABLE + "("};

  private static final String COLUMNS =
      "table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key, key_check_value,"
          + " encryptions_reserved, created_at, activated_at, retired_at, destroyed_at, row_version, use_ends_at,"
          + " valid_until";
  private static final String ACTIVE = "'" + KeyState.ACTIVE.name() + "'";

  private final JdbcSupport jdbc;
  private final @Nullable String environment;
  private final Duration originatorPeriod;
  private final Duration validityPeriod;

  /**
   * A key table whose new versions record {@code environment} ({@code colseal.environment}) and the
   * ends of their cryptoperiod: activation plus {@code originatorPeriod}, creation plus {@code
   * validityPeriod} ({@code colseal.keys.originator-period}, {@code colseal.keys.validity-period}).
   */
  public DataKeyTable(JdbcSupport jdbc, @Nullable String environment, Duration originatorPeriod,
      Duration validityPeriod) {
    this.jdbc = jdbc;
    this.environment = environment;
    this.originatorPeriod = Objects.requireNonNull(originatorPeriod, "originatorPeriod");
    this.validityPeriod = Objects.requireNonNull(validityPeriod, "validityPeriod");
  }

  public JdbcSupport jdbc() {
    return jdbc;
  }

  /**
   * Checks that the table exists with every column colseal reads (the cryptoperiod ends of V0_7
   * included), that the key command history every state change and rewrap writes to exists (V0_8),
   * and the usage records every encrypting process flushes to (V0_9): missing, the start-up says so,
   * not the first {@code keys retire} or the first encryption.
   */
  public void validate() {
    jdbc.inTransaction("validate the columns", TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", encryptions_at_retirement, environment"
          + " FROM " + TABLE + " WHERE 1 = 0"); ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_version, event, occurred_at, actor,"
          + " from_kek_id, to_kek_id, detail FROM " + EVENT_TABLE + " WHERE 1 = 0"); ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
      try (PreparedStatement ps = c.prepareStatement(KeyUsageTable.VALIDATE_WRITERS); ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
      try (PreparedStatement ps = c.prepareStatement(KeyUsageTable.VALIDATE_USAGE); ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** The ACTIVE version of {@code table}, if any. */
  public Optional<KeyRow> findActive(String table) {
    return queryOne("read the active key of " + table,
        "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? AND state = " + ACTIVE, table, null);
  }

  /** Version {@code version} of {@code table}, if recorded. */
  public Optional<KeyRow> find(String table, int version) {
    return queryOne("read key " + table + " v" + version,
        "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? AND key_version = ?", table, version);
  }

  /**
   * The versions of {@code table} in {@code states}, newest first.
   *
   * @throws io.colseal.exception.KeyUnavailableException ({@code KEY_UNSUPPORTED}) if a version of
   *     the table has an algorithm or state this release does not know: which states it is in
   *     cannot be told
   */
  public List<KeyVersion> listVersions(String table, Set<KeyState> states) {
    return jdbc.inTransaction("list the keys of " + table, TABLE, c -> {
      List<KeyVersion> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE table_name = ? ORDER BY key_version DESC")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            KeyVersion v = read(rs).require().version();
            if (states.contains(v.state())) {
              out.add(v);
            }
          }
        }
      }
      return out;
    });
  }

  /**
   * Every version of every table that this release can read, ordered by table and version; rows
   * naming an unknown algorithm or state are left out (see {@link #listing()}).
   */
  public List<KeyVersion> listAll() {
    return listing().versions();
  }

  /**
   * Every row of the key table, ordered by table and version: the readable ones as {@link
   * KeyVersion}s, and apart from them those naming an algorithm or state this release does not know.
   * One unknown row never hides the others.
   */
  public Listing listing() {
    return jdbc.inTransaction("list the keys", TABLE, c -> {
      List<KeyVersion> versions = new ArrayList<>();
      List<UnreadableKeyVersion> unreadable = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
          + " ORDER BY table_name, key_version"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Read r = read(rs);
          if (r.unreadable() != null) {
            unreadable.add(r.unreadable());
          } else {
            versions.add(r.require().version());
          }
        }
      }
      return new Listing(versions, unreadable);
    });
  }

  /** The key table's rows: those this release can read, and those it cannot. */
  public record Listing(List<KeyVersion> versions, List<UnreadableKeyVersion> unreadable) {
    public Listing {
      versions = List.copyOf(versions);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** What the audit reads beyond {@link KeyVersion}, per version, ordered by table and version. */
  public List<KeyAuditFields> listAuditFields() {
    return jdbc.inTransaction("read the audit fields", TABLE, c -> {
      List<KeyAuditFields> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_version, encryptions_at_retirement,"
          + " environment, created_by FROM " + TABLE + " ORDER BY table_name, key_version");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long atRetirement = rs.getLong(3);
          Long retirement = rs.wasNull() ? null : atRetirement;
          out.add(new KeyAuditFields(rs.getString(1), rs.getInt(2), retirement, rs.getString(4), rs.getString(5)));
        }
      }
      return out;
    });
  }

  /**
   * Every recorded key event ({@code colseal_key_event}), oldest first.
   *
   * @throws io.colseal.exception.KeyTableException if the table is missing (migration V0_8 not run)
   */
  public List<KeyEvent> listEvents() {
    return jdbc.inTransaction("read the key events", EVENT_TABLE, c -> {
      List<KeyEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, key_version, event, occurred_at, actor,"
          + " from_kek_id, to_kek_id, detail FROM " + EVENT_TABLE + " ORDER BY occurred_at, event_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new KeyEvent(rs.getString("table_name"), rs.getInt("key_version"), rs.getString("event"),
              jdbc.requireInstant(rs, "occurred_at", EVENT_TABLE), rs.getString("actor"), rs.getString("from_kek_id"),
              rs.getString("to_kek_id"), rs.getString("detail")));
        }
      }
      return out;
    });
  }

  private void insertEvent(Connection c, String table, int version, String event, Instant at,
      @Nullable String fromKekId, @Nullable String toKekId, @Nullable String detail) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + EVENT_TABLE
        + " (table_name, key_version, event, occurred_at, actor, from_kek_id, to_kek_id, detail)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, table);
      ps.setInt(2, version);
      ps.setString(3, event);
      jdbc.setInstant(ps, 4, at);
      ps.setString(5, ProcessIdentity.actor(c));
      ps.setString(6, fromKekId);
      ps.setString(7, toKekId);
      ps.setString(8, detail);
      ps.executeUpdate();
    }
  }

  /** The next unused version number of {@code table} (1 for a new table). */
  public int nextVersion(String table) {
    return jdbc.inTransaction("find the next key version of " + table, TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(key_version) FROM " + TABLE + " WHERE table_name = ?")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1) + 1;
        }
      }
    });
  }

  /**
   * Inserts {@code version} of {@code table} as ACTIVE, unless the table already has an ACTIVE
   * version or that version number is taken.
   *
   * @return true if this call created the key; false if another writer created it first
   * @throws io.colseal.exception.KeyTableException for any other failure, with its SQLState
   */
  public boolean insertActive(String table, int version, Algorithm algorithm, WrappedKey wrapped, String keyCheckValue) {
    return jdbc.inTransaction("create key " + table + " v" + version, TABLE, c -> {
      insert(c, table, version, algorithm, wrapped, keyCheckValue, jdbc.clock().instant());
      return true;
    }, DataKeyTable::lostRace);
  }

  /**
   * Rotates {@code table}: version {@code expectedActive} becomes DECRYPT_ONLY and {@code newVersion}
   * is inserted as ACTIVE, in one transaction. Of several concurrent rotations of the same version
   * only one succeeds: the others find it no longer ACTIVE, or lose the insert.
   *
   * @return true if this call rotated; false if another writer got there first
   */
  public boolean rotate(String table, int expectedActive, int newVersion, Algorithm algorithm, WrappedKey wrapped,
      String keyCheckValue) {
    return jdbc.inTransaction("rotate the key of " + table + " from v" + expectedActive, TABLE, c -> {
      Instant now = jdbc.clock().instant();
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET state = '" + KeyState.DECRYPT_ONLY.name()
          + "', retired_at = ?, updated_at = ?, encryptions_at_retirement = encryptions_reserved,"
          + " row_version = row_version + 1 WHERE table_name = ? AND key_version = ? AND state = " + ACTIVE)) {
        jdbc.setInstant(ps, 1, now);
        jdbc.setInstant(ps, 2, now);
        ps.setString(3, table);
        ps.setInt(4, expectedActive);
        if (ps.executeUpdate() != 1) {
          c.rollback();
          return false;
        }
      }
      insert(c, table, newVersion, algorithm, wrapped, keyCheckValue, now);
      return true;
    }, DataKeyTable::lostRace);
  }

  private static boolean lostRace(SQLException e) throws SQLException {
    if (JdbcSupport.isUniqueViolationOf(e, LOST_RACE)) {
      return false;
    }
    throw e;
  }

  private void insert(Connection c, String table, int version, Algorithm algorithm, WrappedKey wrapped,
      String keyCheckValue, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
        + " (table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key, key_check_value,"
        + " encryptions_reserved, created_at, activated_at, updated_at, created_by, row_version, environment,"
        + " use_ends_at, valid_until) VALUES (?, ?, " + ACTIVE + ", ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?, ?, ?)")) {
      ps.setString(1, table);
      ps.setInt(2, version);
      ps.setString(3, algorithm.name());
      ps.setString(4, wrapped.provider());
      ps.setString(5, wrapped.kekId());
      ps.setBytes(6, wrapped.ciphertext());
      ps.setString(7, keyCheckValue);
      jdbc.setInstant(ps, 8, now);
      jdbc.setInstant(ps, 9, now);
      jdbc.setInstant(ps, 10, now);
      ps.setString(11, ProcessIdentity.describe());
      ps.setString(12, environment);
      // The cryptoperiod is the key's, recorded now: a later change of the settings does not move it.
      jdbc.setInstant(ps, 13, now.plus(originatorPeriod));
      jdbc.setInstant(ps, 14, now.plus(validityPeriod));
      ps.executeUpdate();
    }
  }

  /**
   * Reserves {@code amount} encryptions of an ACTIVE version, unless that would pass {@code cap}.
   *
   * @return true if reserved; false if the version is not ACTIVE or has less than {@code amount} left
   */
  public boolean reserve(String table, int version, long amount, long cap) {
    return jdbc.inTransaction("reserve encryptions of " + table + " v" + version, TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
          + " SET encryptions_reserved = encryptions_reserved + ?, updated_at = ?"
          + " WHERE table_name = ? AND key_version = ? AND state = " + ACTIVE + " AND encryptions_reserved + ? <= ?")) {
        ps.setLong(1, amount);
        jdbc.setInstant(ps, 2, jdbc.clock().instant());
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
   * <p>The change is recorded in {@code colseal_key_event} in the same transaction ({@code RETIRE},
   * {@code DESTROY} or {@code REACTIVATE}, with {@code detail}).
   *
   * @return true if the row was in one of the {@code from} states and moved
   */
  public boolean changeState(String table, int version, Set<KeyState> from, KeyState to, @Nullable String detail) {
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
    return jdbc.inTransaction("move key " + table + " v" + version + " to " + to, TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET state = ?" + extra
          + ", updated_at = ?, row_version = row_version + 1 WHERE table_name = ? AND key_version = ? AND state IN ("
          + states + ")")) {
        Instant now = jdbc.clock().instant();
        int i = 1;
        ps.setString(i++, to.name());
        if (!extra.isEmpty()) {
          jdbc.setInstant(ps, i++, now);
        }
        jdbc.setInstant(ps, i++, now);
        ps.setString(i++, table);
        ps.setInt(i, version);
        if (ps.executeUpdate() != 1) {
          return false;
        }
        String event = switch (to) {
          case RETIRED -> KeyEvent.RETIRE;
          case DESTROYED -> KeyEvent.DESTROY;
          default -> KeyEvent.REACTIVATE;
        };
        insertEvent(c, table, version, event, now, null, null, detail);
        return true;
      }
    });
  }

  /**
   * Replaces the wrapped form of a version (a KEK rewrap), if the row is unchanged since it was read
   * ({@code expectedRowVersion}); recorded as a {@code REWRAP} event from {@code fromKekId} in the
   * same transaction.
   */
  public boolean replaceWrapped(String table, int version, int expectedRowVersion, String fromKekId,
      WrappedKey wrapped) {
    return jdbc.inTransaction("store the rewrapped key " + table + " v" + version, TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
          + " SET wrapped_key = ?, kek_provider = ?, kek_id = ?, updated_at = ?, row_version = row_version + 1"
          + " WHERE table_name = ? AND key_version = ? AND row_version = ? AND state <> '" + KeyState.DESTROYED.name()
          + "'")) {
        ps.setBytes(1, wrapped.ciphertext());
        ps.setString(2, wrapped.provider());
        ps.setString(3, wrapped.kekId());
        jdbc.setInstant(ps, 4, jdbc.clock().instant());
        ps.setString(5, table);
        ps.setInt(6, version);
        ps.setInt(7, expectedRowVersion);
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      insertEvent(c, table, version, KeyEvent.REWRAP, jdbc.clock().instant(), fromKekId, wrapped.kekId(), null);
      return true;
    });
  }

  /**
   * Records new ends of the cryptoperiod of a version that is not DESTROYED, if the row is unchanged
   * since it was read ({@code expectedRowVersion}), and a {@code CRYPTOPERIOD} event with {@code
   * detail} (old and new ends, reason) in the same transaction.
   *
   * @return true if recorded; false if the row changed or was destroyed in between
   */
  public boolean setCryptoperiod(String table, int version, int expectedRowVersion, @Nullable Instant useEndsAt,
      @Nullable Instant validUntil, String detail) {
    return jdbc.inTransaction("record the cryptoperiod of key " + table + " v" + version, TABLE, c -> {
      Instant now = jdbc.clock().instant();
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
          + " SET use_ends_at = ?, valid_until = ?, updated_at = ?, row_version = row_version + 1"
          + " WHERE table_name = ? AND key_version = ? AND row_version = ? AND state <> '" + KeyState.DESTROYED.name()
          + "'")) {
        jdbc.setInstant(ps, 1, useEndsAt);
        jdbc.setInstant(ps, 2, validUntil);
        jdbc.setInstant(ps, 3, now);
        ps.setString(4, table);
        ps.setInt(5, version);
        ps.setInt(6, expectedRowVersion);
        if (ps.executeUpdate() != 1) {
          c.rollback();
          return false;
        }
      }
      insertEvent(c, table, version, KeyEvent.CRYPTOPERIOD, now, null, null, detail);
      return true;
    });
  }

  private Optional<KeyRow> queryOne(String operation, String sql, String table, @Nullable Integer version) {
    return jdbc.inTransaction(operation, TABLE, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, table);
        if (version != null) {
          ps.setInt(2, version);
        }
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs).require()) : Optional.<KeyRow>empty();
        }
      }
    });
  }

  /**
   * Reads the current row. A state or algorithm this release does not know (a newer release wrote
   * the row, or someone edited it) makes only this row unreadable.
   */
  private Read read(ResultSet rs) throws SQLException {
    String table = rs.getString("table_name");
    int version = rs.getInt("key_version");
    String stateName = rs.getString("state");
    KeyState state = known(KeyState.class, stateName);
    if (state == null) {
      return new Read(null, new UnreadableKeyVersion(table, version, "state", String.valueOf(stateName)));
    }
    String algorithmName = rs.getString("algorithm");
    Algorithm algorithm = known(Algorithm.class, algorithmName);
    if (algorithm == null) {
      return new Read(null, new UnreadableKeyVersion(table, version, "algorithm", String.valueOf(algorithmName)));
    }
    byte[] wrapped = rs.getBytes("wrapped_key");
    String provider = rs.getString("kek_provider");
    String kekId = rs.getString("kek_id");
    KeyVersion v = new KeyVersion(
        table,
        version,
        state,
        algorithm,
        provider,
        kekId,
        rs.getString("key_check_value"),
        rs.getLong("encryptions_reserved"),
        jdbc.requireInstant(rs, "created_at", TABLE),
        jdbc.getInstant(rs, "activated_at"),
        jdbc.getInstant(rs, "retired_at"),
        jdbc.getInstant(rs, "destroyed_at"),
        jdbc.getInstant(rs, "use_ends_at"),
        jdbc.getInstant(rs, "valid_until"));
    return new Read(new KeyRow(v, wrapped == null || wrapped.length == 0 ? null
        : new WrappedKey(provider, kekId, wrapped), rs.getInt("row_version")), null);
  }

  /** The constant named exactly {@code name}, or null for a name this release does not know. */
  private static <E extends Enum<E>> @Nullable E known(Class<E> type, @Nullable String name) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** One row read: either the row, or why this release cannot use it. */
  private record Read(@Nullable KeyRow row, @Nullable UnreadableKeyVersion unreadable) {
    /** The row, or {@code KEY_UNSUPPORTED} naming the table, version and unknown value. */
    KeyRow require() {
      if (unreadable != null) {
        throw unreadable.toException();
      }
      return Objects.requireNonNull(row);
    }
  }
}
