package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.crypto.AriaGcm;
import io.colseal.internal.format.ValueCodec;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.internal.keyring.KeyRingOptions;
import io.colseal.internal.keystore.ColumnRegistry;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.JdbcSupport;
import io.colseal.internal.keystore.KeyTableSchema;
import io.colseal.internal.legacy.FernetKey;
import io.colseal.internal.legacy.LegacyKeys;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.Algorithm;
import io.colseal.keys.KeyRing;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KmsProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running colseal instance: the key table, the KEK provider and the key ring of one database.
 * The Hibernate integration starts one per SessionFactory; JDBC code starts its own with {@link
 * #start(DataSource, ColsealConfig)} and gets {@link ColumnCipher}s from it.
 *
 * <pre>{@code
 * try (Colseal colseal = Colseal.start(dataSource, config)) {
 *   ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
 *   String stored = email.encrypt("customer1@example.com");
 * }
 * }</pre>
 *
 * <p>colseal works on the key table through the given connections, one short transaction of its
 * own per operation, never inside the application's transaction; it needs one connection at a time
 * beside those the application holds.
 *
 * <p>Thread safe. {@link #close()} zeroes every cached key and closes the KEK provider.
 */
public final class Colseal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Colseal.class);

  private final ColsealConfig config;
  private final KmsProvider kms;
  private final DataKeys keys;
  private final ColumnRegistry registry;
  private final ColsealStats stats;
  /** The legacy Fernet key of {@code colseal.migration.read-fernet-key}; null when not set. */
  private final @Nullable FernetKey fernet;
  /** ARIA-256-GCM from the provider of {@code colseal.crypto.aria-provider}, found on first use. */
  private final AriaGcm aria;

  private Colseal(ColsealConfig config, TimedKmsProvider kms, DataKeys keys, ColumnRegistry registry,
      @Nullable FernetKey fernet) {
    this.config = config;
    this.kms = kms;
    this.keys = keys;
    this.registry = registry;
    this.stats = new ColsealStats(keys, kms);
    this.fernet = fernet;
    this.aria = AriaGcm.withProvider(config.ariaProvider());
    // Fail at start-up, naming the setting, when ARIA is the default or a provider was named: not at
    // the first value. Otherwise the provider (and BouncyCastle) loads with the first ARIA column.
    if (config.defaultAlgorithm() == ColumnAlgorithm.ARIA_256_GCM
        || !AriaGcm.BOUNCY_CASTLE.equals(config.ariaProvider())) {
      LOG.info("colseal ARIA-256-GCM: {} ({}){}", aria.describe(), ColsealSettings.ARIA_PROVIDER.name(),
          config.kcmvpCertificate() == null ? "" : ", stated KCMVP certificate " + config.kcmvpCertificate());
    }
  }

  /** Starts colseal on {@code dataSource}; see {@link #start(ConnectionSource, ColsealConfig)}. */
  public static Colseal start(DataSource dataSource, ColsealConfig config) {
    return start(ConnectionSource.of(requireNonNull(dataSource, "dataSource")), config);
  }

  /**
   * Creates the KEK provider, creates or validates the key table as {@code
   * colseal.key-table.schema-management} says, and returns a running instance. No data key is
   * created until a table is first used or {@link KeyRing#ensureActiveKeys} is called.
   *
   * @throws ColsealConfigException if a setting is missing or invalid, or the key table is unusable,
   *     or (with {@code colseal.kms.local.create-if-missing} and {@code colseal.environment=prod})
   *     the configured local KEK is not the one the tables' ACTIVE keys are wrapped by
   */
  public static Colseal start(ConnectionSource connections, ColsealConfig config) {
    requireNonNull(connections, "connections");
    requireNonNull(config, "config");
    JdbcSupport jdbc = new JdbcSupport(connections, config.clock());
    applySchemaManagement(config.schemaManagement(), connections, jdbc);
    DataKeyTable keyTable = new DataKeyTable(jdbc, config.environment(), config.originatorPeriod(),
        config.validityPeriod());
    // Before the provider opens: with create-if-missing, opening creates the configured local KEK,
    // and a start refused for naming the wrong one must not leave it behind.
    KekConsistency.check(config, keyTable);
    TimedKmsProvider kms = new TimedKmsProvider(KmsProviders.create(config));
    try {
      LOG.info("colseal started: {} KEK '{}', key table {} on {}", kms.name(), kms.kekId(), DataKeyTable.TABLE,
          jdbc.vendor());
      String fernetFile = config.readFernetKey();
      FernetKey fernet = fernetFile == null ? null : LegacyKeys.fernetKeyFromFile(java.nio.file.Path.of(fernetFile), kms,
          ColsealSettings.READ_FERNET_KEY.name());
      if (fernet != null) {
        LOG.info("colseal reads Fernet tokens under the legacy data key of {} ({})", fernetFile,
            ColsealSettings.READ_FERNET_KEY.name());
      }
      return new Colseal(config, kms, new DataKeys(keyTable, kms, keyRingOptions(config, config.autoCreateKeys())),
          new ColumnRegistry(jdbc), fernet);
    } catch (RuntimeException e) {
      kms.close();
      throw e;
    }
  }

  /** Migrates, validates or leaves colseal's tables as {@code colseal.key-table.schema-management} says. */
  static void applySchemaManagement(SchemaManagement management, ConnectionSource connections, JdbcSupport jdbc) {
    switch (management) {
      case MIGRATE -> KeyTableSchema.migrate(connections, jdbc);
      case VALIDATE -> KeyTableSchema.validate(jdbc);
      case NONE -> { }
    }
  }

  /** The key ring's settings from {@code config}; {@code autoCreate} as given (operators create keys on request). */
  static KeyRingOptions keyRingOptions(ColsealConfig config, boolean autoCreate) {
    return new KeyRingOptions(config.clock(), config.keyCacheTtl(), config.keyRefreshInterval(), config.keyMaxStale(),
        autoCreate, config.usageCap(), config.usageBlock(), config.originatorPeriod(), config.rotateOverdueAtStartup());
  }

  /** A {@link EncryptionMode#RANDOMIZED} cipher for a character column; see {@link ColumnCipher}. */
  public <T> ColumnCipher<T, String> textColumn(String table, String column, Class<T> javaType) {
    return textColumn(table, column, javaType, EncryptionMode.RANDOMIZED);
  }

  /** A cipher for a character column in {@code mode}; see {@link ColumnCipher}. */
  public <T> ColumnCipher<T, String> textColumn(String table, String column, Class<T> javaType, EncryptionMode mode) {
    return textColumn(table, column, javaType, mode, ColumnAlgorithm.DEFAULT);
  }

  /**
   * A cipher for a character column in {@code mode} with block cipher {@code algorithm}; see {@link
   * ColumnCipher}.
   *
   * @throws ColsealConfigException naming the column if {@code algorithm} is ARIA and {@code mode}
   *     is not randomized, or the ARIA provider ({@code colseal.crypto.aria-provider}) is not there
   */
  public <T> ColumnCipher<T, String> textColumn(String table, String column, Class<T> javaType, EncryptionMode mode,
      ColumnAlgorithm algorithm) {
    return new ColumnCipher.Text<>(keys, codec(javaType), table, column, config.readPlaintext(), fernet, mode,
        sealingAlgorithm(table, column, mode, algorithm), aria);
  }

  /** A {@link EncryptionMode#RANDOMIZED} cipher for a binary column; see {@link ColumnCipher}. */
  public <T> ColumnCipher<T, byte[]> binaryColumn(String table, String column, Class<T> javaType) {
    return binaryColumn(table, column, javaType, EncryptionMode.RANDOMIZED);
  }

  /** A cipher for a binary column in {@code mode}; see {@link ColumnCipher}. */
  public <T> ColumnCipher<T, byte[]> binaryColumn(String table, String column, Class<T> javaType, EncryptionMode mode) {
    return binaryColumn(table, column, javaType, mode, ColumnAlgorithm.DEFAULT);
  }

  /** A cipher for a binary column; see {@link #textColumn(String, String, Class, EncryptionMode, ColumnAlgorithm)}. */
  public <T> ColumnCipher<T, byte[]> binaryColumn(String table, String column, Class<T> javaType, EncryptionMode mode,
      ColumnAlgorithm algorithm) {
    return new ColumnCipher.Binary<>(keys, codec(javaType), table, column, config.readPlaintext(), fernet, mode,
        sealingAlgorithm(table, column, mode, algorithm), aria);
  }

  private Algorithm sealingAlgorithm(String table, String column, EncryptionMode mode, ColumnAlgorithm algorithm) {
    requireNonNull(algorithm, "algorithm");
    if (mode != EncryptionMode.RANDOMIZED && algorithm == ColumnAlgorithm.ARIA_256_GCM) {
      throw new ColsealConfigException(table + '.' + column + " is " + mode + " and chose ARIA_256_GCM: ARIA is"
          + " offered for RANDOMIZED columns only (there is no deterministic or row-bound ARIA); make the column"
          + " randomized or choose AES_256_GCM");
    }
    return config.algorithm(mode, algorithm);
  }

  /**
   * A {@link EncryptionMode#RANDOMIZED} cipher with the given storage ({@link Storage#AUTO}
   * resolved for {@code javaType}).
   */
  public <T> ColumnCipher<T, ?> column(String table, String column, Class<T> javaType, Storage storage) {
    return column(table, column, javaType, storage, EncryptionMode.RANDOMIZED);
  }

  /** A cipher with the given storage ({@link Storage#AUTO} resolved for {@code javaType}) and mode. */
  public <T> ColumnCipher<T, ?> column(String table, String column, Class<T> javaType, Storage storage,
      EncryptionMode mode) {
    return column(table, column, javaType, storage, mode, ColumnAlgorithm.DEFAULT);
  }

  /**
   * A cipher with the given storage ({@link Storage#AUTO} resolved for {@code javaType}), mode and
   * block cipher; see {@link #textColumn(String, String, Class, EncryptionMode, ColumnAlgorithm)}.
   */
  public <T> ColumnCipher<T, ?> column(String table, String column, Class<T> javaType, Storage storage,
      EncryptionMode mode, ColumnAlgorithm algorithm) {
    return switch (storage.resolveFor(javaType)) {
      case BINARY -> binaryColumn(table, column, javaType, mode, algorithm);
      default -> textColumn(table, column, javaType, mode, algorithm);
    };
  }

  /**
   * A cipher for a column of the registry ({@code colseal_column}), built from the registry alone:
   * the application's classes are not needed. An enum type this process cannot load is handled as
   * {@code String}: enums are encrypted as their constants' names, so the values are the same. The
   * cipher has the registered storage and mode.
   */
  public ColumnCipher<?, ?> column(RegisteredColumn registered) {
    Class<?> type;
    try {
      type = Class.forName(registered.javaType(), false, Colseal.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      type = String.class;
    }
    return column(registered.table(), registered.column(), type, registered.storage(), registered.mode());
  }

  /**
   * The blind index of column {@code column} of {@code table}; see {@link BlindIndexer}. Its key
   * ({@code <table>#bidx}) is created on first use when {@code colseal.keys.auto-create} is on.
   *
   * @param bits 0 for the full 256-bit HMAC, or 1..256 to keep only that many bits
   */
  public BlindIndexer blindIndexer(String table, String column, Normalizer normalizer, int bits) {
    return new BlindIndexer(keys, table, column, normalizer, bits);
  }

  private static <T> ValueCodec<T> codec(Class<T> javaType) {
    return SupportedType.codec(javaType);
  }

  /**
   * Records encrypted columns in the column registry ({@code colseal_column}), or refreshes their
   * entries: what the {@code colseal} command and the audit report work from. Idempotent; the
   * Hibernate integration calls it at start-up.
   */
  public void register(Collection<EncryptedColumn> columns) {
    Set<String> seen = new HashSet<>();
    for (EncryptedColumn c : columns) {
      if (seen.add(c.table() + '.' + c.column())) {
        registry.register(RegistryRows.row(c));
      }
    }
  }

  /**
   * Records blind-index columns in the column registry (mode {@code BLIND_INDEX}), or refreshes
   * their entries, and creates each table's blind-index key if it has none (when {@code
   * colseal.keys.auto-create} is on). Idempotent; the Hibernate integration calls it at start-up.
   */
  public void registerBlindIndexes(Collection<RegisteredBlindIndex> indexes) {
    Set<String> seen = new HashSet<>();
    List<String> keyNames = new ArrayList<>();
    for (RegisteredBlindIndex i : indexes) {
      if (seen.add(i.table() + '.' + i.column())) {
        registry.register(RegistryRows.row(i));
        keyNames.add(i.keyName());
      }
    }
    // Keys after every row: a KEK provider that cannot be reached fails here with every column recorded.
    for (String keyName : keyNames) {
      keys.indexKey(keyName);
    }
  }

  /**
   * The key ring: active versions, all versions, counters, refresh and rotation. A view: it hands
   * out no key, and no cast of it does.
   */
  public KeyRing keyRing() {
    return keys.view();
  }

  /**
   * What this instance has done since it started: encryptions and decryptions per table, the
   * ACTIVE key version per table, key-cache hits, misses and refreshes, KEK provider calls. The same
   * live object on every call; see {@link ColsealStats}.
   */
  public ColsealStats stats() {
    return stats;
  }

  /** The KEK provider's name: {@code local}, {@code aws-kms}, or a custom provider's. */
  public String kekProviderName() {
    return kms.name();
  }

  /**
   * What the KEK provider says now about the KEK that wraps new data keys: one {@code describe_kek}
   * call (counted in {@link #stats()}), metadata only. {@link KekStatus.State#UNKNOWN} when the
   * provider cannot be reached or cannot describe KEKs. For health checks.
   */
  public KekStatus kekStatus() {
    return kms.describeKek(kms.kekId());
  }

  public ColsealConfig config() {
    return config;
  }

  /**
   * Writes the encryptions this instance performed since its last report, per table and key
   * version, to the key table's usage records ({@code colseal_key_usage}), the evidence the audit's
   * use-after-retirement section reads. Happens on its own after each reservation of encryptions,
   * on the refresh of an ACTIVE version and on {@link #close()}; call it before a planned kill.
   *
   * @return false if this instance has not encrypted yet, or the write failed (logged; the counts
   *     are kept for the next report)
   */
  public boolean reportKeyUsage() {
    return keys.flushUsage();
  }

  /** Reports key usage a last time (marking this instance stopped), zeroes cached keys and closes the KEK provider. */
  @Override
  public void close() {
    try {
      keys.close();
    } finally {
      if (fernet != null) {
        fernet.destroy();
      }
      kms.close();
    }
  }

  @Override
  public String toString() {
    return "Colseal[" + kms.name() + " KEK " + kms.kekId() + "]";
  }
}
