package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.config.Setting;
import io.colseal.config.Settings;
import io.colseal.exception.ColsealConfigException;
import io.colseal.keys.Algorithm;
import io.colseal.kms.KmsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable colseal configuration. Build it in code with {@link #builder()}, or let the Hibernate
 * integration read it from the persistence unit's properties with {@link #fromProperties(Map)}.
 *
 * <p>Every way of setting a value ends in the same place: the typed builder methods ({@link
 * Builder#keyCacheTtl}), {@link Builder#setting(String, Object)}, the properties map, JVM system
 * properties and environment variables all go through the {@link Setting} of {@link
 * ColsealSettings} (or of the KEK provider that declares it), so {@code
 * builder().setting("colseal.keys.cache-ttl", "PT0S").build().keyCacheTtl()} is {@code PT0S}.
 *
 * <p>Defaults are strict: a bad value fails with {@link ColsealConfigException} naming the setting,
 * and is never replaced quietly; an unknown {@code colseal.*} name fails with the nearest known one
 * ("did you mean colseal.keys.cache-ttl?"). {@link #toString()} never shows a secret.
 */
public final class ColsealConfig implements Settings {
  private static final Logger LOG = LoggerFactory.getLogger(ColsealConfig.class);

  private final Map<String, Object> values;
  private final @Nullable KmsProvider kmsProvider;
  private final Clock clock;

  private ColsealConfig(Builder b) {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
    kmsProvider = b.kmsProvider;
    clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, provider object and clock, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    b.kmsProvider = kmsProvider;
    b.clock = clock;
    return b;
  }

  /**
   * Reads every {@code colseal.*} setting from {@code properties}, then JVM system properties, then
   * environment variables (first found wins). Values in {@code properties} may be text or typed
   * values ({@code Duration}, {@code Boolean}, numbers, paths, enums), and for {@code
   * colseal.kms.provider} a {@link KmsProvider} instance.
   *
   * @throws ColsealConfigException if a {@code colseal.*} property or system property names no
   *     known setting, or a value is invalid
   */
  public static ColsealConfig fromProperties(Map<String, ?> properties) {
    return fromSources(properties, System.getProperties(), System.getenv());
  }

  static ColsealConfig fromSources(Map<String, ?> properties, Map<Object, Object> system, Map<String, String> environment) {
    Map<String, Setting<?>> known = ColsealSettings.all();
    Builder b = builder();
    Map<String, Object> merged = new LinkedHashMap<>();
    // Environment variables cannot carry dots: only the known names are mapped back. The environment is
    // shared with other programs (COLSEAL_JAR, COLSEAL_JAVA_OPTS), so other COLSEAL_* names are not
    // errors; a near miss of a known name is reported.
    for (Setting<?> s : known.values()) {
      String v = environment.get(s.environmentVariable());
      if (v != null) {
        merged.put(s.name(), v);
      }
    }
    warnAboutNearMisses(environment, known);
    for (Map<?, ?> source : List.<Map<?, ?>>of(system, properties)) {
      for (Map.Entry<?, ?> e : source.entrySet()) {
        if (e.getKey() instanceof String k && k.startsWith("colseal.") && e.getValue() != null) {
          merged.put(k, e.getValue());
        }
      }
    }
    merged.forEach(b::setting);
    return b.build();
  }

  private static void warnAboutNearMisses(Map<String, String> environment, Map<String, Setting<?>> known) {
    for (String name : environment.keySet()) {
      if (!name.startsWith("COLSEAL_")) {
        continue;
      }
      for (Setting<?> s : known.values()) {
        String expected = s.environmentVariable();
        if (!expected.equals(name) && ColsealSettings.editDistance(name, expected) <= 2) {
          LOG.warn("Environment variable {} is not a colseal setting and is ignored; did you mean {}?", name, expected);
        }
      }
    }
  }

  /** The provider name from {@code colseal.kms.provider}, unless a provider object was given. */
  public Optional<String> kmsProviderName() {
    return kmsProvider != null ? Optional.empty() : find(ColsealSettings.KMS_PROVIDER);
  }

  /** A provider object given in code or in the properties map. */
  public Optional<KmsProvider> kmsProvider() {
    return Optional.ofNullable(kmsProvider);
  }

  public SchemaManagement schemaManagement() {
    return value(ColsealSettings.SCHEMA_MANAGEMENT);
  }

  public boolean autoCreateKeys() {
    return value(ColsealSettings.AUTO_CREATE_KEYS);
  }

  public Duration keyCacheTtl() {
    return value(ColsealSettings.KEY_CACHE_TTL);
  }

  /** How often the key ring re-reads each table's ACTIVE version. */
  public Duration keyRefreshInterval() {
    return value(ColsealSettings.KEY_REFRESH_INTERVAL);
  }

  /** How long a cached data key stays in use past its cache TTL while the KMS cannot be reached. */
  public Duration keyMaxStale() {
    return value(ColsealSettings.KEY_MAX_STALE);
  }

  /** Encryptions allowed per key version before automatic rotation. */
  public long usageCap() {
    return value(ColsealSettings.USAGE_CAP);
  }

  /** Encryptions reserved in the key table at a time; never more than {@link #usageCap()}. */
  public long usageBlock() {
    return Math.min(value(ColsealSettings.USAGE_BLOCK), usageCap());
  }

  /** Originator-usage period: how long a version may encrypt after activation. */
  public Duration originatorPeriod() {
    return value(ColsealSettings.ORIGINATOR_PERIOD);
  }

  /** Validity period: how long a version may exist before its data must have moved on. */
  public Duration validityPeriod() {
    return value(ColsealSettings.VALIDITY_PERIOD);
  }

  public boolean rotateOverdueAtStartup() {
    return value(ColsealSettings.ROTATE_OVERDUE_AT_STARTUP);
  }

  /**
   * Whether a stored value that is not a colseal envelope is read as plaintext (while an existing
   * column is being encrypted in place) instead of failing with {@code DECRYPT_FAILED}.
   */
  public boolean readPlaintext() {
    return value(ColsealSettings.READ_PLAINTEXT);
  }

  /**
   * The file with the Base64 {@code CiphertextBlob} of the legacy Fernet data key whose tokens are
   * read during a migration ({@code colseal.migration.read-fernet-key}); null when not set.
   */
  public @Nullable String readFernetKey() {
    return find(ColsealSettings.READ_FERNET_KEY).orElse(null);
  }

  /**
   * Whether randomized values are sealed with {@link Algorithm#AES_256_GCM_COLUMN_KEY} (algorithm
   * 04) rather than {@link Algorithm#AES_256_GCM} (01).
   */
  public boolean columnKeys() {
    return value(ColsealSettings.COLUMN_KEYS);
  }

  /**
   * The algorithm that seals values of {@code mode} under these settings, for a column that does
   * not choose one: {@code colseal.crypto.default-algorithm} decides for randomized columns;
   * deterministic and row-bound columns are AES only.
   */
  public Algorithm algorithm(EncryptionMode mode) {
    return algorithm(mode, ColumnAlgorithm.DEFAULT);
  }

  /**
   * The algorithm that seals values of {@code mode} for a column that chose {@code choice}.
   *
   * @throws IllegalArgumentException if {@code choice} is ARIA and {@code mode} is not randomized
   *     (callers that know the column turn this into a configuration error naming it)
   */
  public Algorithm algorithm(EncryptionMode mode, ColumnAlgorithm choice) {
    if (mode != EncryptionMode.RANDOMIZED) {
      if (choice == ColumnAlgorithm.ARIA_256_GCM) {
        throw new IllegalArgumentException(mode + " values cannot be sealed with ARIA_256_GCM");
      }
      return mode.algorithm();
    }
    ColumnAlgorithm c = choice == ColumnAlgorithm.DEFAULT ? defaultAlgorithm() : choice;
    if (c == ColumnAlgorithm.ARIA_256_GCM) {
      return Algorithm.ARIA_256_GCM;
    }
    return columnKeys() ? Algorithm.AES_256_GCM_COLUMN_KEY : Algorithm.AES_256_GCM;
  }

  /** The block cipher of randomized columns that do not choose one ({@code colseal.crypto.default-algorithm}). */
  public ColumnAlgorithm defaultAlgorithm() {
    return value(ColsealSettings.DEFAULT_ALGORITHM);
  }

  /** The JCA provider name of ARIA-256-GCM ({@code colseal.crypto.aria-provider}); {@code BC} unless set. */
  public String ariaProvider() {
    return value(ColsealSettings.ARIA_PROVIDER);
  }

  /** The stated KCMVP certificate number of the ARIA provider ({@code colseal.crypto.kcmvp-certificate}); null when not set. */
  public @Nullable String kcmvpCertificate() {
    return find(ColsealSettings.KCMVP_CERTIFICATE).orElse(null);
  }

  /**
   * The environment this deployment runs in ({@code prod}, {@code staging}, {@code dev}), recorded
   * on every key version it creates; null when not set.
   */
  public @Nullable String environment() {
    return find(ColsealSettings.ENVIRONMENT).orElse(null);
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public <T> Optional<T> find(Setting<T> setting) {
    Object v = values.get(setting.name());
    return v != null ? Optional.of(setting.type().cast(v)) : setting.defaultValue();
  }

  @Override
  public <T> T require(Setting<T> setting, String why) {
    Optional<T> v = find(setting);
    if (v.isEmpty() || (v.get() instanceof String s && s.isBlank())) {
      throw new ColsealConfigException(setting.name() + " is not set (" + why + "); set it as a property, -D"
          + setting.name() + "=... or " + setting.environmentVariable());
    }
    return v.get();
  }

  @Override
  public boolean isSet(Setting<?> setting) {
    return values.containsKey(setting.name());
  }

  private <T> T value(Setting<T> setting) {
    return find(setting).orElseThrow(() -> new IllegalStateException(setting.name() + " has no default"));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ColsealConfig{");
    sb.append("kms=").append(kmsProvider != null ? kmsProvider.name() : find(ColsealSettings.KMS_PROVIDER).orElse(null));
    for (Setting<?> s : ColsealSettings.core()) {
      if (s != ColsealSettings.KMS_PROVIDER) {
        find(s).ifPresent(v -> sb.append(", ").append(s.name()).append('=').append(s.shown(v)));
      }
    }
    Map<String, Setting<?>> known = ColsealSettings.all();
    values.forEach((name, v) -> {
      Setting<?> s = known.get(name);
      if (s != null && !ColsealSettings.core().contains(s)) {
        sb.append(", ").append(name).append('=').append(s.shown(v));
      }
    });
    return sb.append('}').toString();
  }

  /** Builder; every setter validates its argument through the setting's own parser and range. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private @Nullable Map<String, Setting<?>> known;
    private @Nullable KmsProvider kmsProvider;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets {@code setting} to {@code value}, checked against its range. */
    public <T> Builder set(Setting<T> setting, T value) {
      values.put(setting.name(), setting.parse(requireNonNull(value, setting.name())));
      return this;
    }

    /**
     * Sets the setting called {@code name} from text or a typed value, exactly as a property would;
     * for {@code colseal.kms.provider} a {@link KmsProvider} object is accepted too.
     *
     * @throws ColsealConfigException if no setting has that name (the message names the nearest
     *     known one), or the value is invalid
     */
    public Builder setting(String name, Object value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (!name.startsWith("colseal.")) {
        throw new ColsealConfigException("setting names start with 'colseal.', got '" + name + "'");
      }
      if (name.equals(ColsealSettings.KMS_PROVIDER.name()) && value instanceof KmsProvider p) {
        return kmsProvider(p);
      }
      if (known == null) {
        known = ColsealSettings.all();
      }
      Setting<?> s = known.get(name);
      if (s == null) {
        throw new ColsealConfigException(ColsealSettings.unknownSettingMessage(name, known));
      }
      if (s == ColsealSettings.KMS_PROVIDER && !(value instanceof String)) {
        throw new ColsealConfigException(name + " must be a provider name or a KmsProvider, got a "
            + value.getClass().getName());
      }
      Object parsed = s.parse(value);
      if (parsed instanceof String text && text.isBlank()) {
        values.remove(name); // blank counts as unset, as an empty environment variable does
      } else {
        values.put(name, parsed);
        if (s == ColsealSettings.KMS_PROVIDER) {
          kmsProvider = null;
        }
      }
      return this;
    }

    /** Selects a provider by name ({@code local}, {@code aws-kms}). */
    public Builder kmsProvider(String name) {
      return setting(ColsealSettings.KMS_PROVIDER.name(), requireNonNull(name, "name"));
    }

    /** Uses the given provider object; colseal closes it when the runtime closes. */
    public Builder kmsProvider(KmsProvider provider) {
      kmsProvider = requireNonNull(provider, "provider");
      values.remove(ColsealSettings.KMS_PROVIDER.name());
      return this;
    }

    public Builder kekId(String kekId) {
      return set(ColsealSettings.KEK_ID, requireNonNull(kekId, "kekId"));
    }

    public Builder schemaManagement(SchemaManagement management) {
      return set(ColsealSettings.SCHEMA_MANAGEMENT, management);
    }

    public Builder autoCreateKeys(boolean autoCreate) {
      return set(ColsealSettings.AUTO_CREATE_KEYS, autoCreate);
    }

    /** How long an unwrapped data key is kept, 0..PT1H; 0 disables caching (one KMS call per use). */
    public Builder keyCacheTtl(Duration ttl) {
      return set(ColsealSettings.KEY_CACHE_TTL, ttl);
    }

    /** How often a running key ring re-reads each table's ACTIVE version, 0..PT1H; 0 re-reads on every use. */
    public Builder keyRefreshInterval(Duration interval) {
      return set(ColsealSettings.KEY_REFRESH_INTERVAL, interval);
    }

    /**
     * How long a cached data key stays in use past its cache TTL while the KMS cannot be reached to
     * refresh it, 0..PT24H; 0 stops using it at the TTL.
     */
    public Builder keyMaxStale(Duration maxStale) {
      return set(ColsealSettings.KEY_MAX_STALE, maxStale);
    }

    /** Encryptions per key version before automatic rotation: 1..2^32 (NIST SP 800-38D's limit). */
    public Builder usageCap(long cap) {
      return set(ColsealSettings.USAGE_CAP, cap);
    }

    /** Encryptions reserved per key-table write: 1..1,000,000; a crash may over-count by at most this. */
    public Builder usageBlock(long block) {
      return set(ColsealSettings.USAGE_BLOCK, block);
    }

    /** Originator-usage period, P1D..P3650D. */
    public Builder originatorPeriod(Duration period) {
      return set(ColsealSettings.ORIGINATOR_PERIOD, period);
    }

    /** Validity period, P1D..P3650D; must not be shorter than the originator-usage period. */
    public Builder validityPeriod(Duration period) {
      return set(ColsealSettings.VALIDITY_PERIOD, period);
    }

    public Builder rotateOverdueAtStartup(boolean rotate) {
      return set(ColsealSettings.ROTATE_OVERDUE_AT_STARTUP, rotate);
    }

    /**
     * Reads values that are not envelopes as plaintext: only while a plaintext column is being
     * encrypted in place ({@code colseal reencrypt}). Default {@code false}.
     */
    public Builder readPlaintext(boolean read) {
      return set(ColsealSettings.READ_PLAINTEXT, read);
    }

    /**
     * Reads Fernet tokens of the AWS KMS + Fernet recipe under the data key whose Base64 {@code
     * CiphertextBlob} is in {@code file}, while a column is migrated ({@code
     * colseal.migration.read-fernet-key}).
     */
    public Builder readFernetKey(java.nio.file.Path file) {
      return setting(ColsealSettings.READ_FERNET_KEY.name(), file.toString());
    }

    /**
     * Seals randomized values with per-column keys (envelope algorithm 04) instead of algorithm 01;
     * see {@code colseal.crypto.column-keys}. Default {@code false}.
     */
    public Builder columnKeys(boolean on) {
      return set(ColsealSettings.COLUMN_KEYS, on);
    }

    /**
     * The block cipher of randomized columns that do not choose one; see {@code
     * colseal.crypto.default-algorithm}. Default {@link ColumnAlgorithm#AES_256_GCM}.
     *
     * @throws ColsealConfigException if {@code algorithm} is {@link ColumnAlgorithm#DEFAULT}
     */
    public Builder defaultAlgorithm(ColumnAlgorithm algorithm) {
      if (algorithm == ColumnAlgorithm.DEFAULT) {
        throw new ColsealConfigException(ColsealSettings.DEFAULT_ALGORITHM.name()
            + " must name an algorithm (aes-256-gcm or aria-256-gcm), not DEFAULT");
      }
      return set(ColsealSettings.DEFAULT_ALGORITHM, algorithm);
    }

    /** The JCA provider of ARIA-256-GCM, by name; see {@code colseal.crypto.aria-provider}. Default {@code BC}. */
    public Builder ariaProvider(String providerName) {
      return setting(ColsealSettings.ARIA_PROVIDER.name(), providerName);
    }

    /**
     * The environment tag recorded on new key versions ({@code prod}, {@code staging}, {@code dev}):
     * 1..64 characters of letters, digits, {@code . _ -}; surrounding whitespace is removed. Null
     * clears it.
     */
    public Builder environment(@Nullable String name) {
      if (name == null) {
        values.remove(ColsealSettings.ENVIRONMENT.name());
        return this;
      }
      return setting(ColsealSettings.ENVIRONMENT.name(), name);
    }

    /** Source of time for key timestamps and cache expiry; tests inject a fixed clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws ColsealConfigException if the validity period is shorter than the originator-usage
     *     period
     */
    public ColsealConfig build() {
      ColsealConfig config = new ColsealConfig(this);
      if (config.validityPeriod().compareTo(config.originatorPeriod()) < 0) {
        throw new ColsealConfigException(ColsealSettings.VALIDITY_PERIOD.name() + " (" + config.validityPeriod()
            + ") must not be shorter than " + ColsealSettings.ORIGINATOR_PERIOD.name() + " ("
            + config.originatorPeriod() + ")");
      }
      return config;
    }
  }
}
