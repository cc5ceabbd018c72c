package io.colseal;

import io.colseal.config.Setting;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.KmsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * colseal's settings: the one table every setting is read, checked and documented from. Each can
 * be given, in order of precedence, in code ({@link ColsealConfig.Builder}) or as a property
 * (persistence.xml, {@code hibernate.properties}, a settings map), as a JVM system property ({@code
 * -Dcolseal.kms.kek-id=...}), or as an environment variable made by upper-casing the name and
 * replacing dots and dashes with underscores ({@code COLSEAL_KMS_KEK_ID}). KEK providers declare
 * their own settings ({@link KmsProviderFactory#settings()}), which are read the same way. See
 * {@code docs/reference/configuration/} for one page per setting.
 */
public final class ColsealSettings {
  /** KEK provider: {@code local}, {@code aws-kms}, or a {@link io.colseal.kms.KmsProvider} object. */
  public static final Setting<String> KMS_PROVIDER = KmsSettings.PROVIDER;

  /** KEK that wraps new data keys: a keystore alias ({@code local}) or a KMS key id, ARN or alias. */
  public static final Setting<String> KEK_ID = KmsSettings.KEK_ID;

  /** How the key table is managed: {@code migrate} (default), {@code validate} or {@code none}. */
  public static final Setting<SchemaManagement> SCHEMA_MANAGEMENT =
      Setting.choice("colseal.key-table.schema-management", SchemaManagement.class, SchemaManagement.MIGRATE);

  /** Create a missing ACTIVE data key at start-up and on first use. Default {@code true}. */
  public static final Setting<Boolean> AUTO_CREATE_KEYS = Setting.flag("colseal.keys.auto-create", true);

  /** How long an unwrapped data key stays in memory (0..PT1H; 0 disables caching). Default {@code PT5M}. */
  public static final Setting<Duration> KEY_CACHE_TTL =
      Setting.duration("colseal.keys.cache-ttl", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(1));

  /** How often a running key ring re-reads each table's ACTIVE version (0..PT1H). Default {@code PT1M}. */
  public static final Setting<Duration> KEY_REFRESH_INTERVAL =
      Setting.duration("colseal.keys.refresh-interval", Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1));

  /**
   * How long a cached data key stays in use past its cache TTL while it cannot be refreshed because
   * the KMS is unreachable (0..PT24H; 0 stops using it at the TTL). Default {@code PT1H}.
   */
  public static final Setting<Duration> KEY_MAX_STALE =
      Setting.duration("colseal.keys.max-stale", Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24));

  /** Encryptions allowed per key version before it is rotated automatically (1..2^32). Default 2^30. */
  public static final Setting<Long> USAGE_CAP = Setting.number("colseal.keys.usage-cap", 1L << 30, 1, 1L << 32);

  /**
   * Encryptions reserved in the key table at a time, so counting needs no write per value
   * (1..1,000,000; never more than the usage cap). Default 10000.
   */
  public static final Setting<Long> USAGE_BLOCK = Setting.number("colseal.keys.usage-block", 10_000, 1, 1_000_000);

  /** How long a key version may encrypt after activation (P1D..P3650D). Default {@code P365D}. */
  public static final Setting<Duration> ORIGINATOR_PERIOD = Setting.duration("colseal.keys.originator-period",
      Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(3650));

  /** How long a key version may exist before data under it must have moved on (P1D..P3650D). Default {@code P1825D}. */
  public static final Setting<Duration> VALIDITY_PERIOD = Setting.duration("colseal.keys.validity-period",
      Duration.ofDays(5 * 365), Duration.ofDays(1), Duration.ofDays(3650));

  /** Rotate ACTIVE keys past their originator-usage period at start-up. Default {@code false}. */
  public static final Setting<Boolean> ROTATE_OVERDUE_AT_STARTUP =
      Setting.flag("colseal.keys.rotate-overdue-at-startup", false);

  /**
   * Read stored values that are not colseal envelopes as plaintext, while an existing column is
   * encrypted in place. Default {@code false}: such values fail with {@code DECRYPT_FAILED}.
   */
  public static final Setting<Boolean> READ_PLAINTEXT = Setting.flag("colseal.migration.read-plaintext", false);

  /**
   * A file holding the Base64 {@code CiphertextBlob} of the data key of the AWS KMS + Fernet recipe
   * (its {@code encrypted_key.txt}): while a column is migrated from Fernet tokens with {@code
   * colseal reencrypt --from-fernet-key}, values with a Fernet token's shape are read as tokens
   * under that key. The KEK provider ({@code aws-kms}) unwraps it once at start-up. No default.
   */
  public static final Setting<String> READ_FERNET_KEY = Setting.text("colseal.migration.read-fernet-key",
      "the path of a file holding the Base64 CiphertextBlob of the legacy Fernet data key");

  /**
   * Seal randomized values with {@code AES_256_GCM_COLUMN_KEY} (envelope algorithm 04: AES-256-GCM
   * under a key derived per column, no per-value associated data) instead of {@code AES_256_GCM}
   * (01). Both are always read. Default {@code false}: turn it on once every instance that reads
   * the tables runs a release that reads algorithm 04.
   */
  public static final Setting<Boolean> COLUMN_KEYS = Setting.flag("colseal.crypto.column-keys", false);

  /**
   * The block cipher of randomized columns that do not choose one ({@code @Encrypted(algorithm =
   * ...)}): {@code aes-256-gcm} (the default; envelope algorithm 01, or 04 with column keys) or
   * {@code aria-256-gcm} (envelope algorithm 03). Values of both are always read.
   */
  public static final Setting<ColumnAlgorithm> DEFAULT_ALGORITHM = Setting.of("colseal.crypto.default-algorithm",
      ColumnAlgorithm.class, ColumnAlgorithm.AES_256_GCM, "aes-256-gcm or aria-256-gcm", s -> {
        String wanted = s.trim().replace('-', '_');
        for (ColumnAlgorithm a : ColumnAlgorithm.values()) {
          if (a != ColumnAlgorithm.DEFAULT && a.name().equalsIgnoreCase(wanted)) {
            return a;
          }
        }
        throw new IllegalArgumentException("unknown algorithm");
      });

  /**
   * The JCA provider of ARIA-256-GCM ({@code ARIA/GCM/NoPadding}), by name: {@code BC} (the
   * default) is BouncyCastle, which colseal brings and does not register globally; any other name
   * must be a provider installed in the JVM ({@code java.security.Security.getProvider(name)}), such
   * as a KCMVP-validated JCE module.
   */
  public static final Setting<String> ARIA_PROVIDER = Setting.of("colseal.crypto.aria-provider", String.class, "BC",
      "the name of an installed JCA provider (BC for BouncyCastle)", s -> {
        String t = s.trim();
        if (t.isEmpty()) {
          throw new IllegalArgumentException("empty provider name");
        }
        return t;
      });

  /**
   * The operator's statement that the provider named by {@code colseal.crypto.aria-provider} is a
   * KCMVP-validated module, as its validation certificate number (free text, such as {@code
   * CM-123-2027}); {@code colseal audit} prints it with the provider. colseal cannot check it. No
   * default: the report then says no KCMVP validation was stated.
   */
  public static final Setting<String> KCMVP_CERTIFICATE = Setting.text("colseal.crypto.kcmvp-certificate",
      "free text: the KCMVP validation certificate number of the ARIA provider");

  /**
   * The environment this deployment runs in ({@code prod}, {@code staging}, {@code dev}): 1..64
   * letters, digits, {@code . _ -}. Recorded on each key version it creates so the audit report can
   * find a KEK shared across environments. No default.
   */
  public static final Setting<String> ENVIRONMENT = Setting.of("colseal.environment", String.class, null,
      "1..64 letters, digits, '.', '_' or '-'", s -> {
        String t = s.trim();
        if (!t.matches("[A-Za-z0-9._-]{1,64}")) {
          throw new IllegalArgumentException("not an environment name");
        }
        return t;
      });

  /**
   * Whether a KEK provider that cannot be reached at start-up ({@code KMS_UNAVAILABLE}) fails the
   * start. Default {@code true}. With {@code false} the Hibernate integration starts without the
   * keys it could not load, logs a warning, and each encryption or decryption that needs one fails
   * with {@code KMS_UNAVAILABLE} until the provider answers again; a health check reports it.
   */
  public static final Setting<Boolean> KMS_REQUIRED_AT_STARTUP = Setting.flag("colseal.kms.required-at-startup", true);

  /**
   * Packages (comma-separated) where the Spring Boot starter finds colseal's MyBatis type handlers
   * and binds them to the application's {@code Colseal}. No default: none is bound. Read only by
   * colseal-spring-boot-autoconfigure; declared here, with every other setting name.
   */
  public static final Setting<String> MYBATIS_TYPE_HANDLERS_PACKAGE = Setting.text(
      "colseal.mybatis.type-handlers-package", "Java package names, comma-separated");

  // Part R (issue 15): KEK register and key-table backup evidence of the audit report.
  /**
   * The KEK cryptoperiod (P1D..P3650D): how old a KEK may grow while its KMS does not rotate its
   * material automatically, before {@code colseal audit} reports {@code KEK_CRYPTOPERIOD_EXCEEDED}.
   * Default {@code P365D}, the period of AWS KMS automatic rotation.
   */
  public static final Setting<Duration> KEK_PERIOD = Setting.duration("colseal.keys.kek-period",
      Duration.ofDays(365), Duration.ofDays(1), Duration.ofDays(3650));

  /**
   * The operator's statement of where and how the key table is backed up, shown as such by {@code
   * colseal audit} (the report cannot check it). No default: the report then says no statement was
   * given.
   */
  public static final Setting<String> KEY_TABLE_BACKUP = Setting.text("colseal.audit.key-table-backup",
      "free text: where and how colseal_data_key is backed up");

  private static final List<Setting<?>> CORE = List.of(KMS_PROVIDER, KEK_ID, SCHEMA_MANAGEMENT, AUTO_CREATE_KEYS,
      KEY_CACHE_TTL, KEY_REFRESH_INTERVAL, KEY_MAX_STALE, USAGE_CAP, USAGE_BLOCK, ORIGINATOR_PERIOD, VALIDITY_PERIOD,
      ROTATE_OVERDUE_AT_STARTUP, READ_PLAINTEXT, READ_FERNET_KEY, COLUMN_KEYS, DEFAULT_ALGORITHM, ARIA_PROVIDER,
      KCMVP_CERTIFICATE, ENVIRONMENT, KMS_REQUIRED_AT_STARTUP, MYBATIS_TYPE_HANDLERS_PACKAGE,
      KEK_PERIOD, KEY_TABLE_BACKUP);

  private ColsealSettings() {}

  /** colseal's own settings, without those of KEK providers. */
  public static List<Setting<?>> core() {
    return CORE;
  }

  /**
   * Every known setting: colseal's own and those of every KEK provider on the class path or module
   * path, by name, in a stable order. Read once per JVM.
   *
   * @throws IllegalStateException if two declare the same name
   */
  public static Map<String, Setting<?>> all() {
    return Known.SETTINGS;
  }

  /** The known setting called {@code name}, if any. */
  public static Optional<Setting<?>> find(String name) {
    return Optional.ofNullable(all().get(name));
  }

  /** The KEK provider factories on the class path or module path, found once per JVM. */
  static List<KmsProviderFactory> providerFactories() {
    return Known.FACTORIES;
  }

  /** The service-loader scan, done on first use and kept: the class path does not change. */
  private static final class Known {
    static final List<KmsProviderFactory> FACTORIES = loadFactories();
    static final Map<String, Setting<?>> SETTINGS = collect(FACTORIES);

    private static List<KmsProviderFactory> loadFactories() {
      List<KmsProviderFactory> out = new ArrayList<>();
      ServiceLoader.load(KmsProviderFactory.class, ColsealSettings.class.getClassLoader()).forEach(out::add);
      return List.copyOf(out);
    }

    private static Map<String, Setting<?>> collect(List<KmsProviderFactory> factories) {
      Map<String, Setting<?>> out = new LinkedHashMap<>();
      for (Setting<?> s : CORE) {
        out.put(s.name(), s);
      }
      for (KmsProviderFactory f : factories) {
        for (Setting<?> s : f.settings()) {
          Setting<?> previous = out.putIfAbsent(s.name(), s);
          if (previous != null && previous != s) {
            throw new IllegalStateException("setting " + s.name() + " is declared twice (KEK provider " + f.name()
                + ")");
          }
        }
      }
      return Collections.unmodifiableMap(out);
    }
  }

  /**
   * Whether a setting holds a secret and must never be printed: a known setting declared secret,
   * or, for a name colseal does not know (such as the command line's {@code colseal.jdbc.password}),
   * one that mentions a password, secret, credential or token.
   */
  public static boolean isSecret(String setting) {
    Setting<?> known = all().get(setting);
    if (known != null && known.isSecret()) {
      return true;
    }
    String s = setting.toLowerCase(Locale.ROOT);
    return s.contains("password") || s.contains("secret") || s.contains("credential") || s.contains("token");
  }

  /**
   * The message for a {@code colseal.*} name no setting has: the nearest known name when one is
   * close, or the module that declares settings under its prefix.
   */
  static String unknownSettingMessage(String name, Map<String, Setting<?>> known) {
    StringBuilder m = new StringBuilder("unknown setting '").append(name).append('\'');
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String k : known.keySet()) {
      int d = editDistance(name, k);
      if (d < best) {
        best = d;
        nearest = k;
      }
    }
    if (nearest != null && best <= Math.max(2, nearest.length() / 6)) {
      return m.append("; did you mean ").append(nearest).append('?').toString();
    }
    if (name.startsWith("colseal.kms.")) {
      String rest = name.substring("colseal.kms.".length());
      int dot = rest.indexOf('.');
      if (dot > 0) {
        String prefix = "colseal.kms." + rest.substring(0, dot) + '.';
        boolean anyKnown = known.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        if (!anyKnown) {
          List<String> providers = providerFactories().stream().map(KmsProviderFactory::name).toList();
          m.append(": no KEK provider on the class path declares settings under ").append(prefix).append("* (found: ")
              .append(String.join(", ", providers)).append(')');
          if (prefix.equals("colseal.kms.aws.")) {
            m.append("; add the dependency io.colseal:colseal-kms-aws");
          }
          return m.toString();
        }
      }
    }
    return m.append("; the settings are listed in docs/reference/configuration/").toString();
  }

  /** Levenshtein distance with transpositions (optimal string alignment). */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
