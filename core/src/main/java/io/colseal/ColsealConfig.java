package io.colseal;

import io.colseal.config.Redaction;
import io.colseal.exception.ColsealConfigException;

import static java.util.Objects.requireNonNull;

import io.colseal.kms.KmsProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Immutable colseal configuration. Build it in code with {@link #builder()}, or let the Hibernate
 * integration read it from the persistence unit's properties with {@link #fromProperties(Map)}.
 *
 * <p>Defaults are strict: a bad value fails with {@link ColsealConfigException} naming the setting,
 * and is never replaced quietly. {@link #toString()} never shows a password.
 */
public final class ColsealConfig {
  private final @Nullable String kmsProviderName;
  private final @Nullable KmsProvider kmsProvider;
  private final SchemaManagement schemaManagement;
  private final boolean autoCreateKeys;
  private final Duration keyCacheTtl;
  private final Duration keyRefreshInterval;
  private final long usageCap;
  private final long usageBlock;
  private final Duration originatorPeriod;
  private final Duration validityPeriod;
  private final boolean rotateOverdueAtStartup;
  private final boolean readPlaintext;
  private final @Nullable String environment;
  private final Clock clock;
  private final Map<String, String> settings;

  private ColsealConfig(Builder b) {
    kmsProviderName = b.kmsProviderName;
    kmsProvider = b.kmsProvider;
    schemaManagement = b.schemaManagement;
    autoCreateKeys = b.autoCreateKeys;
    keyCacheTtl = b.keyCacheTtl;
    keyRefreshInterval = b.keyRefreshInterval;
    usageCap = b.usageCap;
    usageBlock = Math.min(b.usageBlock, b.usageCap);
    originatorPeriod = b.originatorPeriod;
    validityPeriod = b.validityPeriod;
    rotateOverdueAtStartup = b.rotateOverdueAtStartup;
    readPlaintext = b.readPlaintext;
    environment = b.environment;
    clock = b.clock;
    settings = Collections.unmodifiableMap(new TreeMap<>(b.settings));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every {@code colseal.*} setting from {@code properties}, then JVM system properties, then
   * environment variables (first found wins). Values in {@code properties} may be strings or, for
   * {@code colseal.kms.provider}, a {@link KmsProvider} instance.
   */
  public static ColsealConfig fromProperties(Map<String, ?> properties) {
    return fromSources(properties, System.getProperties(), System.getenv());
  }

  static ColsealConfig fromSources(
      Map<String, ?> properties, Map<Object, Object> system, Map<String, String> environment) {
    Function<String, @Nullable Object> lookup =
        name -> {
          Object v = properties.get(name);
          if (v == null) {
            v = system.get(name);
          }
          if (v == null) {
            v = environment.get(ColsealSettings.environmentName(name));
          }
          return v;
        };
    Builder b = builder();
    Map<String, String> collected = new LinkedHashMap<>();
    for (Map<?, ?> source : java.util.List.<Map<?, ?>>of(environmentAsSettings(environment), system, properties)) {
      for (Map.Entry<?, ?> e : source.entrySet()) {
        if (e.getKey() instanceof String k && k.startsWith("colseal.")) {
          String v = settingText(k, e.getValue());
          if (v != null) {
            collected.put(k, v);
          }
        }
      }
    }
    collected.forEach(b::setting);

    Object provider = lookup.apply(ColsealSettings.KMS_PROVIDER);
    if (provider instanceof KmsProvider p) {
      b.kmsProvider(p);
    } else if (provider instanceof String s && !s.isBlank()) {
      b.kmsProvider(s.trim());
    } else if (provider != null) {
      throw new ColsealConfigException(
          ColsealSettings.KMS_PROVIDER + " must be a provider name or a KmsProvider, got a "
              + provider.getClass().getName());
    }
    Object management = lookup.apply(ColsealSettings.SCHEMA_MANAGEMENT);
    if (management != null) {
      b.schemaManagement(SchemaManagement.parse(management.toString()));
    }
    Object autoCreate = lookup.apply(ColsealSettings.AUTO_CREATE_KEYS);
    if (autoCreate != null) {
      b.autoCreateKeys(parseBoolean(ColsealSettings.AUTO_CREATE_KEYS, autoCreate));
    }
    Object ttl = lookup.apply(ColsealSettings.KEY_CACHE_TTL);
    if (ttl != null) {
      b.keyCacheTtl(parseDuration(ColsealSettings.KEY_CACHE_TTL, ttl));
    }
    Object refresh = lookup.apply(ColsealSettings.KEY_REFRESH_INTERVAL);
    if (refresh != null) {
      b.keyRefreshInterval(parseDuration(ColsealSettings.KEY_REFRESH_INTERVAL, refresh));
    }
    Object cap = lookup.apply(ColsealSettings.USAGE_CAP);
    if (cap != null) {
      b.usageCap(parseLong(ColsealSettings.USAGE_CAP, cap));
    }
    Object block = lookup.apply(ColsealSettings.USAGE_BLOCK);
    if (block != null) {
      b.usageBlock(parseLong(ColsealSettings.USAGE_BLOCK, block));
    }
    Object originator = lookup.apply(ColsealSettings.ORIGINATOR_PERIOD);
    if (originator != null) {
      b.originatorPeriod(parseDuration(ColsealSettings.ORIGINATOR_PERIOD, originator));
    }
    Object validity = lookup.apply(ColsealSettings.VALIDITY_PERIOD);
    if (validity != null) {
      b.validityPeriod(parseDuration(ColsealSettings.VALIDITY_PERIOD, validity));
    }
    Object overdue = lookup.apply(ColsealSettings.ROTATE_OVERDUE_AT_STARTUP);
    if (overdue != null) {
      b.rotateOverdueAtStartup(parseBoolean(ColsealSettings.ROTATE_OVERDUE_AT_STARTUP, overdue));
    }
    Object readPlaintext = lookup.apply(ColsealSettings.READ_PLAINTEXT);
    if (readPlaintext != null) {
      b.readPlaintext(parseBoolean(ColsealSettings.READ_PLAINTEXT, readPlaintext));
    }
    Object deployment = lookup.apply(ColsealSettings.ENVIRONMENT);
    if (deployment != null) {
      b.environment(deployment.toString());
    }
    return b.build();
  }

  /**
   * The text of a setting's value. Strings, booleans, numbers, durations, paths and enums are taken
   * as text; a {@link KmsProvider} under {@code colseal.kms.provider} is handled separately. Any
   * other object fails rather than being dropped, which would silently fall back to a default.
   */
  private static @Nullable String settingText(String name, @Nullable Object value) {
    if (value == null || (name.equals(ColsealSettings.KMS_PROVIDER) && value instanceof KmsProvider)) {
      return null;
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Number
        || value instanceof Duration
        || value instanceof java.nio.file.Path
        || value instanceof Enum<?>) {
      return value.toString();
    }
    throw new ColsealConfigException(
        name + " must be given as a string, got a " + value.getClass().getName());
  }

  private static Map<String, String> environmentAsSettings(Map<String, String> environment) {
    // Environment variables cannot carry dots; map the known COLSEAL_* names back to settings.
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : KNOWN_SETTINGS) {
      String v = environment.get(ColsealSettings.environmentName(name));
      if (v != null) {
        out.put(name, v);
      }
    }
    return out;
  }

  private static final java.util.List<String> KNOWN_SETTINGS =
      java.util.List.of(
          ColsealSettings.KMS_PROVIDER,
          ColsealSettings.KEK_ID,
          ColsealSettings.LOCAL_KEYSTORE,
          ColsealSettings.LOCAL_KEYSTORE_PASSWORD,
          ColsealSettings.LOCAL_CREATE_IF_MISSING,
          ColsealSettings.AWS_REGION,
          ColsealSettings.AWS_ENDPOINT,
          ColsealSettings.AWS_CALL_TIMEOUT,
          ColsealSettings.SCHEMA_MANAGEMENT,
          ColsealSettings.AUTO_CREATE_KEYS,
          ColsealSettings.KEY_CACHE_TTL,
          ColsealSettings.KEY_REFRESH_INTERVAL,
          ColsealSettings.USAGE_CAP,
          ColsealSettings.USAGE_BLOCK,
          ColsealSettings.ORIGINATOR_PERIOD,
          ColsealSettings.VALIDITY_PERIOD,
          ColsealSettings.ROTATE_OVERDUE_AT_STARTUP,
          ColsealSettings.READ_PLAINTEXT,
          ColsealSettings.ENVIRONMENT);

  static boolean parseBoolean(String setting, Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    String s = value.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw new ColsealConfigException(setting + " must be true or false, got '" + value + "'");
  }

  static long parseLong(String setting, Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ColsealConfigException(setting + " must be a whole number, got '" + value + "'", e);
    }
  }

  static Duration parseDuration(String setting, Object value) {
    if (value instanceof Duration d) {
      return d;
    }
    try {
      return Duration.parse(value.toString().trim());
    } catch (DateTimeParseException e) {
      throw new ColsealConfigException(
          setting + " must be an ISO-8601 duration such as PT5M, got '" + value + "'", e);
    }
  }

  /** The provider name from {@code colseal.kms.provider}, unless a provider object was given. */
  public Optional<String> kmsProviderName() {
    return Optional.ofNullable(kmsProviderName);
  }

  /** A provider object given in code or in the properties map. */
  public Optional<KmsProvider> kmsProvider() {
    return Optional.ofNullable(kmsProvider);
  }

  public SchemaManagement schemaManagement() {
    return schemaManagement;
  }

  public boolean autoCreateKeys() {
    return autoCreateKeys;
  }

  public Duration keyCacheTtl() {
    return keyCacheTtl;
  }

  /** How often the key ring re-reads each table's ACTIVE version. */
  public Duration keyRefreshInterval() {
    return keyRefreshInterval;
  }

  /** Encryptions allowed per key version before automatic rotation. */
  public long usageCap() {
    return usageCap;
  }

  /** Encryptions reserved in the key table at a time. */
  public long usageBlock() {
    return usageBlock;
  }

  /** Originator-usage period: how long a version may encrypt after activation. */
  public Duration originatorPeriod() {
    return originatorPeriod;
  }

  /** Validity period: how long a version may exist before its data must have moved on. */
  public Duration validityPeriod() {
    return validityPeriod;
  }

  public boolean rotateOverdueAtStartup() {
    return rotateOverdueAtStartup;
  }

  /**
   * Whether a stored value that is not a colseal envelope is read as plaintext (while an existing
   * column is being encrypted in place) instead of failing with {@code DECRYPT_FAILED}.
   */
  public boolean readPlaintext() {
    return readPlaintext;
  }

  /**
   * The environment this deployment runs in ({@code prod}, {@code staging}, {@code dev}), recorded
   * on every key version it creates; null when not set.
   */
  public @Nullable String environment() {
    return environment;
  }

  public Clock clock() {
    return clock;
  }

  /** A raw setting, for providers; secrets included, so never log the result. */
  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  /** A required raw setting; its absence fails with a message naming the setting. */
  public String requireSetting(String name, String why) {
    String v = settings.get(name);
    if (v == null || v.isBlank()) {
      throw new ColsealConfigException(
          name + " is not set (" + why + "); set it as a property, -D" + name + "=... or "
              + ColsealSettings.environmentName(name));
    }
    return v.trim();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ColsealConfig{kms=");
    sb.append(kmsProvider != null ? kmsProvider.name() : kmsProviderName);
    sb.append(", schemaManagement=").append(schemaManagement);
    sb.append(", autoCreateKeys=").append(autoCreateKeys);
    sb.append(", keyCacheTtl=").append(keyCacheTtl);
    sb.append(", keyRefreshInterval=").append(keyRefreshInterval);
    sb.append(", usageCap=").append(usageCap).append(", usageBlock=").append(usageBlock);
    sb.append(", originatorPeriod=").append(originatorPeriod).append(", validityPeriod=").append(validityPeriod);
    settings.forEach(
        (k, v) -> {
          if (!k.equals(ColsealSettings.KMS_PROVIDER)) {
            sb.append(", ").append(k).append('=').append(ColsealSettings.isSecret(k) ? "****" : Redaction.maskUrl(v));
          }
        });
    return sb.append('}').toString();
  }

  /** Builder; every setter validates its argument. */
  public static final class Builder {
    private @Nullable String kmsProviderName;
    private @Nullable KmsProvider kmsProvider;
    private SchemaManagement schemaManagement = SchemaManagement.MIGRATE;
    private boolean autoCreateKeys = true;
    private Duration keyCacheTtl = Duration.ofMinutes(5);
    private Duration keyRefreshInterval = Duration.ofMinutes(1);
    private long usageCap = 1L << 30;
    private long usageBlock = 10_000;
    private Duration originatorPeriod = Duration.ofDays(365);
    private Duration validityPeriod = Duration.ofDays(5 * 365);
    private boolean rotateOverdueAtStartup;
    private boolean readPlaintext;
    private @Nullable String environment;
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /** Selects a provider by name ({@code local}, {@code aws-kms}). */
    public Builder kmsProvider(String name) {
      kmsProviderName = requireNonNull(name, "name");
      kmsProvider = null;
      settings.put(ColsealSettings.KMS_PROVIDER, name);
      return this;
    }

    /** Uses the given provider object; colseal closes it when the runtime closes. */
    public Builder kmsProvider(KmsProvider provider) {
      kmsProvider = requireNonNull(provider, "provider");
      kmsProviderName = null;
      return this;
    }

    public Builder kekId(String kekId) {
      return setting(ColsealSettings.KEK_ID, requireNonNull(kekId, "kekId"));
    }

    public Builder schemaManagement(SchemaManagement management) {
      schemaManagement = requireNonNull(management, "management");
      return this;
    }

    public Builder autoCreateKeys(boolean autoCreate) {
      autoCreateKeys = autoCreate;
      return this;
    }

    /** How long an unwrapped data key is kept; 0 disables caching (one KMS call per use). */
    public Builder keyCacheTtl(Duration ttl) {
      requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
        throw new ColsealConfigException(ColsealSettings.KEY_CACHE_TTL + " must be 0..PT1H, got " + ttl);
      }
      keyCacheTtl = ttl;
      return this;
    }

    /** How often a running key ring re-reads each table's ACTIVE version; 0 re-reads on every use. */
    public Builder keyRefreshInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new ColsealConfigException(ColsealSettings.KEY_REFRESH_INTERVAL + " must be 0..PT1H, got " + interval);
      }
      keyRefreshInterval = interval;
      return this;
    }

    /** Encryptions per key version before automatic rotation: 1..2^32 (NIST SP 800-38D's limit). */
    public Builder usageCap(long cap) {
      if (cap < 1 || cap > (1L << 32)) {
        throw new ColsealConfigException(ColsealSettings.USAGE_CAP + " must be 1..4294967296 (2^32), got " + cap);
      }
      usageCap = cap;
      return this;
    }

    /** Encryptions reserved per key-table write: 1..1,000,000; a crash may over-count by at most this. */
    public Builder usageBlock(long block) {
      if (block < 1 || block > 1_000_000) {
        throw new ColsealConfigException(ColsealSettings.USAGE_BLOCK + " must be 1..1000000, got " + block);
      }
      usageBlock = block;
      return this;
    }

    /** Originator-usage period, P1D..P3650D. */
    public Builder originatorPeriod(Duration period) {
      originatorPeriod = period(ColsealSettings.ORIGINATOR_PERIOD, period);
      return this;
    }

    /** Validity period, P1D..P3650D; must not be shorter than the originator-usage period. */
    public Builder validityPeriod(Duration period) {
      validityPeriod = period(ColsealSettings.VALIDITY_PERIOD, period);
      return this;
    }

    private static Duration period(String setting, Duration period) {
      requireNonNull(period, "period");
      if (period.compareTo(Duration.ofDays(1)) < 0 || period.compareTo(Duration.ofDays(3650)) > 0) {
        throw new ColsealConfigException(setting + " must be P1D..P3650D, got " + period);
      }
      return period;
    }

    public Builder rotateOverdueAtStartup(boolean rotate) {
      rotateOverdueAtStartup = rotate;
      return this;
    }

    /**
     * Reads values that are not envelopes as plaintext: only while a plaintext column is being
     * encrypted in place ({@code colseal reencrypt}). Default {@code false}.
     */
    public Builder readPlaintext(boolean read) {
      readPlaintext = read;
      return this;
    }

    /**
     * The environment tag recorded on new key versions ({@code prod}, {@code staging}, {@code dev}):
     * 1..64 characters of letters, digits, {@code . _ -}; surrounding whitespace is removed.
     */
    public Builder environment(@Nullable String name) {
      if (name == null) {
        environment = null;
        return this;
      }
      String t = name.trim();
      if (!t.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new ColsealConfigException(
            ColsealSettings.ENVIRONMENT + " must be 1..64 letters, digits, '.', '_' or '-', got '" + name + "'");
      }
      environment = t;
      return this;
    }

    /** Source of time for key timestamps and cache expiry; tests inject a fixed clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Sets any {@code colseal.*} setting, such as a provider-specific one. */
    public Builder setting(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (!name.startsWith("colseal.")) {
        throw new ColsealConfigException("setting names start with 'colseal.', got '" + name + "'");
      }
      settings.put(name, value);
      return this;
    }

    public ColsealConfig build() {
      if (validityPeriod.compareTo(originatorPeriod) < 0) {
        throw new ColsealConfigException(ColsealSettings.VALIDITY_PERIOD + " (" + validityPeriod
            + ") must not be shorter than " + ColsealSettings.ORIGINATOR_PERIOD + " (" + originatorPeriod + ")");
      }
      String local = settings.get(ColsealSettings.LOCAL_CREATE_IF_MISSING);
      if (local != null) {
        parseBoolean(ColsealSettings.LOCAL_CREATE_IF_MISSING, local);
      }
      return new ColsealConfig(this);
    }
  }
}
