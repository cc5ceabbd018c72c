package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.internal.keystore.ColumnRegistry;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.JdbcSupport;
import io.colseal.internal.keystore.KeyRow;
import io.colseal.internal.keystore.KeyUsageTable;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.Identifiers;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyEvent;
import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import io.colseal.keys.KeyFlag;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.WrappedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Operator key management on one database, as the {@code colseal} command runs it: list, create,
 * rotate, rewrap, retire, reactivate and destroy data key versions, change their recorded
 * cryptoperiod ({@link #setCryptoperiod}), and count rows per version.
 * Works from the database alone (key table, column registry, SQL over envelope headers); the
 * application's classes are not needed.
 *
 * <p>The KEK provider is created on first need: listing and counting work without KMS access.
 * Destructive operations refuse while the version is ACTIVE or rows still use it, unless forced.
 *
 * <p>Thread safety: not for concurrent use by several threads; concurrent processes are safe (the
 * key table arbitrates).
 */
public final class KeyAdmin implements AutoCloseable {
  private final ColsealConfig config;
  private final ConnectionSource connections;
  private final JdbcSupport jdbc;
  private final DataKeyTable keyTable;
  private final ColumnRegistry registry;
  private @Nullable KmsProvider kms;
  private @Nullable DataKeys ring;

  private KeyAdmin(ColsealConfig config, ConnectionSource connections, JdbcSupport jdbc) {
    this.config = config;
    this.connections = connections;
    this.jdbc = jdbc;
    this.keyTable = new DataKeyTable(jdbc, config.environment(), config.originatorPeriod(),
        config.validityPeriod());
    this.registry = new ColumnRegistry(jdbc);
  }

  /**
   * Opens the key table; migrates, validates or leaves it as {@code
   * colseal.key-table.schema-management} says.
   */
  public static KeyAdmin open(ConnectionSource connections, ColsealConfig config) {
    requireNonNull(connections, "connections");
    JdbcSupport jdbc = new JdbcSupport(connections, config.clock());
    Colseal.applySchemaManagement(config.schemaManagement(), connections, jdbc);
    return new KeyAdmin(config, connections, jdbc);
  }

  /** The database the key table lives in, detected from the driver. */
  public DatabaseVendor vendor() {
    return jdbc.vendor();
  }

  /**
   * Every key version this release can read, ordered by table and version. Rows naming an
   * algorithm or state this release does not know are left out: see {@link #unreadable()}.
   */
  public List<KeyVersion> list() {
    return keyTable.listAll();
  }

  /** The versions of one table that this release can read (see {@link #unreadable(String)}). */
  public List<KeyVersion> list(String table) {
    String t = Identifiers.normalize(table);
    return keyTable.listAll().stream().filter(v -> v.table().equals(t)).toList();
  }

  /**
   * The key versions this release cannot read, because their row names an algorithm or state it
   * does not know (written by a newer colseal?), ordered by table and version. Operations needing
   * one of them fail with {@code KEY_UNSUPPORTED}; all other versions keep working.
   */
  public List<UnreadableKeyVersion> unreadable() {
    return keyTable.listing().unreadable();
  }

  /** {@link #unreadable()} of one table. */
  public List<UnreadableKeyVersion> unreadable(String table) {
    String t = Identifiers.normalize(table);
    return unreadable().stream().filter(u -> u.table().equals(t)).toList();
  }

  /** What the audit report reads beyond {@link #list()}: retirement counts and environments. */
  public List<KeyAuditFields> auditFields() {
    return keyTable.listAuditFields();
  }

  /**
   * The changes key commands made to data key versions (rewraps, retirements, reactivations,
   * destructions), oldest first, from {@code colseal_key_event} (key table migration V0_8).
   */
  public List<KeyEvent> keyEvents() {
    return keyTable.listEvents();
  }

  /**
   * What running and stopped processes recorded of their encryptions, per table, key version and
   * period ({@code colseal_key_usage}, key table migration V0_9), ordered by table, version and
   * period.
   */
  public List<KeyUsage> keyUsage() {
    return new KeyUsageTable(jdbc).listUsage();
  }

  /** The processes that recorded encryptions ({@code colseal_key_writer}, V0_9), by start time. */
  public List<KeyWriter> keyWriters() {
    return new KeyUsageTable(jdbc).listWriters();
  }

  /**
   * What the configured KEK provider says about {@code kekId} (see {@link KmsProvider#describeKek}).
   * Creates the provider on first use.
   */
  public KekStatus describeKek(String kekId) {
    return kms().describeKek(kekId);
  }

  /** Where the configured KEK provider reaches its KMS (see {@link KmsProvider#endpoint}); null: no network. */
  public java.net.@Nullable URI kmsEndpoint() {
    return kms().endpoint();
  }

  /** Name of the configured KEK provider ({@code aws-kms}, {@code local}). */
  public String kmsProviderName() {
    return kms().name();
  }

  /**
   * The registered encrypted columns, ordered by table and column.
   *
   * @throws io.colseal.exception.ColsealConfigException if a row holds a value this release does
   *     not know
   */
  public List<RegisteredColumn> columns() {
    return registry.encryptedColumns().stream().map(RegistryRows::column).toList();
  }

  /** The registered blind-index columns ({@code @BlindIndex}), ordered by table and column. */
  public List<RegisteredBlindIndex> blindIndexes() {
    return registry.blindIndexColumns().stream().map(RegistryRows::blindIndex).toList();
  }

  /** Tables with registered encrypted columns. */
  public List<String> registeredTables() {
    return new ArrayList<>(new TreeSet<>(columns().stream().map(RegisteredColumn::table).toList()));
  }

  /**
   * Row counts per key version of every registered column of {@code table}, all columns in one scan
   * of the table.
   */
  public List<ColumnRowCounts> countRows(String table) {
    return countTable(table).map(TableCounts::columns).orElse(List.of());
  }

  /**
   * Rows of {@code table} per key version over all its registered columns ({@link TableRowCounts}:
   * rows with at least one value under a version, and rows wholly under it) and each column's values
   * ({@link #countRows}), from one scan. Empty if the table has no registered column.
   */
  public Optional<TableCounts> countTable(String table) {
    String t = Identifiers.normalize(table);
    List<RegisteredColumn> cols = columns().stream().filter(c -> c.table().equals(t)).toList();
    return cols.isEmpty() ? Optional.empty() : Optional.of(new RowCounter(jdbc).countTable(t, cols));
  }

  /**
   * One scan's counts of a table: its rows per key version and each registered column's values.
   *
   * @param rows rows per key version over all registered columns
   * @param columns each registered column's counts, in registration order
   */
  public record TableCounts(TableRowCounts rows, List<ColumnRowCounts> columns) {
    public TableCounts {
      columns = List.copyOf(columns);
    }
  }

  /** Values per key version of {@code table}, summed over its registered columns (one per column and row). */
  public Map<Integer, Long> rowsPerVersion(String table) {
    Map<Integer, Long> out = new TreeMap<>();
    for (ColumnRowCounts c : countRows(table)) {
      c.byKeyVersion().forEach((v, n) -> out.merge(v, n, Long::sum));
    }
    return out;
  }

  /**
   * What is due for a version: its cryptoperiod as recorded with the key ({@link
   * KeyVersion#useEndsAt()}, {@link KeyVersion#validUntil()}), never this process's {@code
   * colseal.keys.*-period} settings, and the configured usage cap.
   */
  public List<KeyFlag> assess(KeyVersion v) {
    List<KeyFlag> flags = new ArrayList<>();
    Instant now = config.clock().instant();
    // A blind-index key cannot be rotated (the index would stop matching): no originator period.
    if (v.state() == KeyState.ACTIVE && v.useEndsAt() != null && v.algorithm().sealsValues()
        && v.useEndsAt().isBefore(now)) {
      flags.add(KeyFlag.ORIGINATOR_PERIOD_EXCEEDED);
    }
    if (v.state() != KeyState.DESTROYED && v.validUntil() != null && v.validUntil().isBefore(now)) {
      flags.add(KeyFlag.VALIDITY_PERIOD_EXCEEDED);
    }
    if (v.state() != KeyState.DESTROYED && !v.cryptoperiodRecorded()) {
      flags.add(KeyFlag.CRYPTOPERIOD_NOT_RECORDED);
    }
    if (v.state() == KeyState.ACTIVE && v.encryptionsReserved() >= config.usageCap() * 9 / 10) {
      flags.add(KeyFlag.USAGE_NEAR_CAP);
    }
    return flags;
  }

  /** Age of a version: time since it was created. */
  public Duration age(KeyVersion v) {
    return Duration.between(v.createdAt(), config.clock().instant());
  }

  /**
   * Creates the ACTIVE key of {@code table} if it has none (for deployments with {@code
   * colseal.keys.auto-create=false}).
   */
  public InitResult init(String table) {
    String t = Identifiers.normalize(table);
    Optional<KeyRow> existing = keyTable.findActive(t);
    if (existing.isPresent()) {
      return new InitResult(existing.get().version(), false);
    }
    ring().ensureActiveKeys(List.of(t));
    return new InitResult(ring().requireActive(t), true);
  }

  /** A new ACTIVE version of {@code table}; the previous one becomes DECRYPT_ONLY. */
  public KeyVersion rotate(String table) {
    return ring().rotate(table);
  }

  /**
   * Re-wraps every version of {@code table} that still has its key under {@code toKekId}. With AWS
   * KMS this is {@code ReEncrypt}: the plaintext data key never reaches this process. No data row
   * is touched.
   *
   * <p>Versions already wrapped under {@code toKekId} (as recorded in the key table) are skipped, so
   * a rewrap that stopped half-way can simply be run again. An alias and the ARN it points to are
   * different ids here: such versions are wrapped again, which is harmless.
   *
   * @return the versions rewrapped (destroyed ones and those already under {@code toKekId} are
   *     skipped)
   * @throws KeyUnavailableException ({@code KEY_UNSUPPORTED}) before rewrapping anything, if a
   *     version of the table is one this release cannot read
   */
  public List<KeyVersion> rewrap(String table, String toKekId) {
    return rewrap(table, null, toKekId);
  }

  /**
   * Re-wraps every version of {@code table} under {@code toKekId} of the provider {@code
   * toProvider}, which may differ from the configured one: a move from a {@code local} or {@code
   * aws-kms} KEK to a KEK in an HSM ({@code pkcs11}) and back. Across providers each data key is
   * unwrapped by the provider that wrapped it (the configured one, or {@code toProvider} for
   * versions already moved) and wrapped by {@code toProvider}: the plaintext key passes through
   * this process's memory, never its logs or the database. {@code toProvider} is created from this
   * admin's settings with {@code colseal.kms.provider} and {@code colseal.kms.kek-id} replaced, and
   * closed afterwards. Versions already under {@code toKekId} of {@code toProvider} are skipped, so
   * a move that stopped half-way can be run again. Null {@code toProvider}: {@link #rewrap(String,
   * String)}.
   *
   * <p>The applications read the moved versions only once they are configured with {@code
   * toProvider} (a row records the provider that wrapped it): move every table, then switch them.
   *
   * @throws KeyUnavailableException ({@code KEY_UNSUPPORTED}) before rewrapping anything, if a
   *     version of the table is one this release cannot read
   * @throws io.colseal.exception.KmsException {@code KMS_REJECTED} for a version wrapped by a third
   *     provider, which neither side can unwrap
   */
  public List<KeyVersion> rewrap(String table, @Nullable String toProvider, String toKekId) {
    requireNonNull(toKekId, "toKekId");
    if (toProvider == null || toProvider.equals(kms().name())) {
      return rewrapUnder(table, kms(), toKekId);
    }
    try (KmsProvider target = KmsProviders.create(config.toBuilder().kmsProvider(toProvider).kekId(toKekId).build())) {
      return rewrapUnder(table, target, toKekId);
    }
  }

  /**
   * Wraps every undestroyed version of {@code table} under {@code toKekId} of {@code target}. A
   * version wrapped by {@code target} is re-wrapped by it ({@link KmsProvider#rewrap}, {@code
   * ReEncrypt} inside AWS KMS); one wrapped by the configured provider is unwrapped by it and
   * wrapped by {@code target}.
   */
  private List<KeyVersion> rewrapUnder(String table, KmsProvider target, String toKekId) {
    String t = Identifiers.normalize(table);
    List<UnreadableKeyVersion> unknown = unreadable(t);
    if (!unknown.isEmpty()) {
      // Rewrapping around such a version would leave it under the old KEK unnoticed.
      throw unknown.get(0).toException();
    }
    List<KeyVersion> done = new ArrayList<>();
    for (KeyVersion v : list(t)) {
      if (v.state() == KeyState.DESTROYED) {
        continue;
      }
      KeyRow row = keyTable.find(t, v.version()).orElseThrow();
      WrappedKey current = requireNonNull(row.wrapped());
      if (current.provider().equals(target.name()) && current.kekId().equals(toKekId)) {
        continue;
      }
      KeyContext context = new KeyContext(t, v.version());
      WrappedKey rewrapped;
      if (current.provider().equals(target.name())) {
        rewrapped = target.rewrap(current, context, toKekId);
      } else if (current.provider().equals(kms().name())) {
        try (io.colseal.kms.SecretKeyMaterial key = kms().unwrap(current, context)) {
          rewrapped = target.wrap(key, context, toKekId);
        }
      } else {
        throw new io.colseal.exception.KmsException(ErrorCode.KMS_REJECTED, "key " + context + " is wrapped by"
            + " provider '" + current.provider() + "', which is neither the configured provider '" + kms().name()
            + "' nor the target '" + target.name() + "'; move it with that provider configured first", null);
      }
      if (!keyTable.replaceWrapped(t, v.version(), row.rowVersion(), current.kekId(), rewrapped)) {
        throw new ColsealException(ErrorCode.KEY_TABLE_ERROR,
            "key " + t + " v" + v.version() + " changed while it was rewrapped; run the rewrap again");
      }
      done.add(keyTable.find(t, v.version()).orElseThrow().version());
    }
    return done;
  }

  /**
   * Retires a DECRYPT_ONLY version: kept, but no longer used to decrypt ({@code KEY_DISABLED}).
   * Refused while rows are still encrypted under it, unless {@code force}.
   */
  public KeyVersion retire(String table, int version, boolean force) {
    String t = Identifiers.normalize(table);
    KeyVersion v = require(t, version);
    refuseIfNeeded(v, force, "retire");
    if (!keyTable.changeState(t, version, EnumSet.of(KeyState.DECRYPT_ONLY), KeyState.RETIRED, forced(force))) {
      throw new ColsealException(ErrorCode.KEY_IN_USE,
          "key " + t + " v" + version + " is " + v.state() + "; only DECRYPT_ONLY versions can be retired");
    }
    return require(t, version);
  }

  /** Makes a RETIRED version DECRYPT_ONLY again. */
  public KeyVersion reactivate(String table, int version) {
    String t = Identifiers.normalize(table);
    KeyVersion v = require(t, version);
    if (!keyTable.changeState(t, version, EnumSet.of(KeyState.RETIRED), KeyState.DECRYPT_ONLY, null)) {
      throw new ColsealException(ErrorCode.KEY_IN_USE,
          "key " + t + " v" + version + " is " + v.state() + "; only RETIRED versions can be reactivated");
    }
    return require(t, version);
  }

  /**
   * Destroys a DECRYPT_ONLY or RETIRED version: its wrapped key is erased, and values under it can
   * never be decrypted again (crypto-shredding). Refused for the ACTIVE version, and while rows are
   * still encrypted under it unless {@code force}.
   */
  public KeyVersion destroy(String table, int version, boolean force) {
    String t = Identifiers.normalize(table);
    KeyVersion v = require(t, version);
    refuseIfNeeded(v, force, "destroy");
    if (!keyTable.changeState(t, version, EnumSet.of(KeyState.DECRYPT_ONLY, KeyState.RETIRED), KeyState.DESTROYED,
        KeyEvent.DESTROY_METHOD + (force ? "; " + forced(true) : ""))) {
      throw new ColsealException(ErrorCode.KEY_IN_USE,
          "key " + t + " v" + version + " is " + v.state() + " and cannot be destroyed");
    }
    return require(t, version);
  }

  /** Longest {@code reason} {@link #setCryptoperiod} records (the event detail holds 512 characters). */
  public static final int MAX_REASON_LENGTH = 200;

  /**
   * Changes the recorded ends of the cryptoperiod of one version of {@code table}, or of every
   * version that is not DESTROYED ({@code version} null): the explicit, logged policy change. The
   * originator-usage period runs from activation (creation when no activation is recorded), the
   * validity period from creation; a period not given keeps its recorded end. Each version's change
   * and a {@code CRYPTOPERIOD} key event (old and new ends, periods, {@code reason}, actor) are
   * written in one transaction. Every version is checked before any is changed.
   *
   * <p>This is also how versions created before key table migration V0_7, whose ends are not
   * recorded, get them: give both periods.
   *
   * @param originatorPeriod new originator-usage period, null to keep the recorded end
   * @param validityPeriod new validity period, null to keep the recorded end
   * @param reason why, recorded in the event; at most {@link #MAX_REASON_LENGTH} characters
   * @return the changes, by version
   * @throws ColsealConfigException ({@code CONFIG_INVALID}) if neither period is given, a period is
   *     outside its setting's range, the reason is too long, a version would have an end left
   *     unrecorded, or its validity would end before its originator use
   * @throws KeyUnavailableException {@code KEY_NOT_FOUND} for an unknown table or version, {@code
   *     KEY_DESTROYED} for a DESTROYED version, {@code KEY_UNSUPPORTED} if a version of the table
   *     cannot be read by this release (with {@code version} null)
   */
  public List<CryptoperiodChange> setCryptoperiod(String table, @Nullable Integer version,
      @Nullable Duration originatorPeriod, @Nullable Duration validityPeriod, @Nullable String reason) {
    String t = Identifiers.normalize(table);
    if (originatorPeriod == null && validityPeriod == null) {
      throw new ColsealConfigException("keys set-cryptoperiod " + t + ": give an originator period, a validity"
          + " period or both");
    }
    Duration use = originatorPeriod == null ? null : ColsealSettings.ORIGINATOR_PERIOD.parse(originatorPeriod);
    Duration validity = validityPeriod == null ? null : ColsealSettings.VALIDITY_PERIOD.parse(validityPeriod);
    if (reason != null && reason.length() > MAX_REASON_LENGTH) {
      throw new ColsealConfigException("keys set-cryptoperiod " + t + ": the reason has " + reason.length()
          + " characters; at most " + MAX_REASON_LENGTH + " are recorded");
    }
    List<KeyRow> rows = new ArrayList<>();
    if (version != null) {
      KeyRow row = keyTable.find(t, version).orElseThrow(() -> new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND,
          t, version, "no data key version " + version + " for table " + t));
      if (row.version().state() == KeyState.DESTROYED) {
        throw new KeyUnavailableException(ErrorCode.KEY_DESTROYED, t, version, "key " + t + " v" + version
            + " is DESTROYED: its cryptoperiod ended with it and is not changed");
      }
      rows.add(row);
    } else {
      List<UnreadableKeyVersion> unknown = unreadable(t);
      if (!unknown.isEmpty()) {
        throw unknown.get(0).toException();
      }
      List<KeyVersion> all = list(t);
      if (all.isEmpty()) {
        throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, t, 0, "no data key for table " + t);
      }
      for (KeyVersion v : all) {
        if (v.state() != KeyState.DESTROYED) {
          rows.add(keyTable.find(t, v.version()).orElseThrow());
        }
      }
      if (rows.isEmpty()) {
        throw new KeyUnavailableException(ErrorCode.KEY_DESTROYED, t, all.get(0).version(), "every data key version"
            + " of table " + t + " is DESTROYED: no cryptoperiod to change");
      }
    }
    List<CryptoperiodChange> changes = new ArrayList<>();
    for (KeyRow row : rows) {
      KeyVersion v = row.version();
      Instant useStart = v.activatedAt() != null ? v.activatedAt() : v.createdAt();
      Instant newUse = use != null ? useStart.plus(use) : v.useEndsAt();
      Instant newValid = validity != null ? v.createdAt().plus(validity) : v.validUntil();
      if (newUse == null || newValid == null) {
        throw new ColsealConfigException("key " + t + " v" + v.version() + " has no recorded end of its "
            + (newUse == null ? "originator-usage" : "validity") + " period (created before key table V0_7):"
            + " give both the originator period and the validity period");
      }
      if (newValid.isBefore(newUse)) {
        throw new ColsealConfigException("key " + t + " v" + v.version() + ": its validity would end (" + newValid
            + ") before its originator use (" + newUse + "); the validity period must cover the originator-usage"
            + " period");
      }
      changes.add(new CryptoperiodChange(t, v.version(), v.useEndsAt(), newUse, v.validUntil(), newValid));
    }
    for (int i = 0; i < changes.size(); i++) {
      CryptoperiodChange ch = changes.get(i);
      String detail = "use ends " + shown(ch.previousUseEndsAt()) + " -> " + ch.useEndsAt() + "; valid until "
          + shown(ch.previousValidUntil()) + " -> " + ch.validUntil() + "; originator-period "
          + (use == null ? "unchanged" : period(use) + " from activation") + ", validity-period "
          + (validity == null ? "unchanged" : period(validity) + " from creation")
          + (reason == null || reason.isBlank() ? "" : "; reason: " + reason.strip());
      if (!keyTable.setCryptoperiod(t, ch.version(), rows.get(i).rowVersion(), ch.useEndsAt(), ch.validUntil(),
          detail)) {
        throw new ColsealException(ErrorCode.KEY_TABLE_ERROR, "key " + t + " v" + ch.version()
            + " changed or was destroyed while its cryptoperiod was set; run the command again");
      }
    }
    return changes;
  }

  /** {@code P30D} for whole days (as the settings are written), else ISO-8601 ({@code PT36H}). */
  private static String period(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
  }

  private static String shown(@Nullable Instant at) {
    return at == null ? "not recorded" : at.toString();
  }

  /**
   * One change {@link #setCryptoperiod} made; a {@code previous} end is null when it was not
   * recorded.
   */
  public record CryptoperiodChange(String table, int version, @Nullable Instant previousUseEndsAt,
      Instant useEndsAt, @Nullable Instant previousValidUntil, Instant validUntil) {}

  /** The event detail of a state change made with {@code force}: null without it. */
  private static @Nullable String forced(boolean force) {
    return force ? "forced (--force): the refusal for values still under the version was skipped" : null;
  }

  private void refuseIfNeeded(KeyVersion v, boolean force, String action) {
    if (BlindIndexKeys.isBlindIndexKey(v.table())) {
      throw new ColsealException(ErrorCode.KEY_IN_USE, "key " + v.table() + " v" + v.version()
          + " is a blind-index key and cannot be " + (action.equals("retire") ? "retired" : "destroyed")
          + ": every stored index value of the table depends on it");
    }
    if (v.state() == KeyState.ACTIVE) {
      throw new ColsealException(ErrorCode.KEY_IN_USE, "key " + v.table() + " v" + v.version()
          + " is ACTIVE and cannot be " + (action.equals("retire") ? "retired" : "destroyed")
          + "; rotate the table first");
    }
    if (force) {
      return;
    }
    long rows = 0;
    StringBuilder where = new StringBuilder();
    for (ColumnRowCounts c : countRows(v.table())) {
      long n = c.rowsOn(v.version());
      if (n > 0) {
        rows += n;
        where.append(where.length() == 0 ? "" : ", ").append(c.column()).append(": ").append(n);
      }
    }
    if (rows > 0) {
      throw new ColsealException(ErrorCode.KEY_IN_USE, "refusing to " + action + " key " + v.table() + " v"
          + v.version() + ": " + rows + " values are still encrypted under it (" + where
          + "); re-encrypt them first, or force it");
    }
  }

  private KeyVersion require(String table, int version) {
    return keyTable.find(table, version).map(KeyRow::version).orElseThrow(() ->
        new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, table, version,
            "no data key version " + version + " for table " + table));
  }

  private KmsProvider kms() {
    if (kms == null) {
      kms = KmsProviders.create(config);
    }
    return kms;
  }

  private DataKeys ring() {
    if (ring == null) {
      // The operator's ring creates keys on request (init) even where applications may not.
      ring = new DataKeys(keyTable, kms(), Colseal.keyRingOptions(config, true));
    }
    return ring;
  }

  @Override
  public void close() {
    if (ring != null) {
      ring.close();
    }
    if (kms != null) {
      kms.close();
    }
  }

  /** The outcome of {@link #init}: the ACTIVE version, and whether this call created it. */
  public record InitResult(KeyVersion version, boolean created) {}

  @Override
  public String toString() {
    return "KeyAdmin[" + connections + "]";
  }
}
