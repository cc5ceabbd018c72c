package io.colseal;

/**
 * Names of colseal's settings. Each can be given, in order of precedence, as a Hibernate/JPA
 * property (persistence.xml, {@code hibernate.properties}, the properties map), as a JVM system
 * property ({@code -Dcolseal.kms.kek-id=...}), or as an environment variable made by upper-casing
 * the name and replacing dots and dashes with underscores ({@code COLSEAL_KMS_KEK_ID}). See {@code
 * docs/reference/configuration/} for one page per setting.
 */
public final class ColsealSettings {
  /** KEK provider: {@code local}, {@code aws-kms}, or a {@link io.colseal.kms.KmsProvider} object. */
  public static final String KMS_PROVIDER = "colseal.kms.provider";

  /** KEK that wraps new data keys: a keystore alias ({@code local}) or a KMS key id, ARN or alias. */
  public static final String KEK_ID = "colseal.kms.kek-id";

  /** Path of the PKCS12 keystore holding the local KEK. */
  public static final String LOCAL_KEYSTORE = "colseal.kms.local.keystore";

  /** Password of the local keystore. Never logged; prefer the environment variable. */
  public static final String LOCAL_KEYSTORE_PASSWORD = "colseal.kms.local.keystore-password";

  /** Create the keystore and KEK when absent (demo and tests). Default {@code false}. */
  public static final String LOCAL_CREATE_IF_MISSING = "colseal.kms.local.create-if-missing";

  /** AWS region for the KMS client; default: the SDK's region provider chain. */
  public static final String AWS_REGION = "colseal.kms.aws.region";

  /** KMS endpoint override; default: the SDK's resolution, which honours AWS_ENDPOINT_URL_KMS. */
  public static final String AWS_ENDPOINT = "colseal.kms.aws.endpoint";

  /**
   * Longest time one AWS KMS call may take, retries included (ISO-8601 duration, PT1S..PT5M).
   * Default {@code PT10S}.
   */
  public static final String AWS_CALL_TIMEOUT = "colseal.kms.aws.call-timeout";

  /** How the key table is managed: {@code migrate} (default), {@code validate} or {@code none}. */
  public static final String SCHEMA_MANAGEMENT = "colseal.key-table.schema-management";

  /** Create a missing ACTIVE data key at start-up and on first use. Default {@code true}. */
  public static final String AUTO_CREATE_KEYS = "colseal.keys.auto-create";

  /** How long an unwrapped data key stays in memory (ISO-8601 duration, 0..PT1H). Default {@code PT5M}. */
  public static final String KEY_CACHE_TTL = "colseal.keys.cache-ttl";

  /** How often a running key ring re-reads each table's ACTIVE version (0..PT1H). Default {@code PT1M}. */
  public static final String KEY_REFRESH_INTERVAL = "colseal.keys.refresh-interval";

  /** Encryptions allowed per key version before it is rotated automatically. Default 2^30. */
  public static final String USAGE_CAP = "colseal.keys.usage-cap";

  /** Encryptions reserved in the key table at a time, so counting needs no write per value. Default 10000. */
  public static final String USAGE_BLOCK = "colseal.keys.usage-block";

  /** How long a key version may encrypt after activation (originator-usage period). Default {@code P365D}. */
  public static final String ORIGINATOR_PERIOD = "colseal.keys.originator-period";

  /** How long a key version may exist before data under it must have moved on. Default {@code P1825D}. */
  public static final String VALIDITY_PERIOD = "colseal.keys.validity-period";

  /** Rotate ACTIVE keys past their originator-usage period at start-up. Default {@code false}. */
  public static final String ROTATE_OVERDUE_AT_STARTUP = "colseal.keys.rotate-overdue-at-startup";

  /**
   * Read stored values that are not colseal envelopes as plaintext, while an existing column is
   * encrypted in place. Default {@code false}: such values fail with {@code DECRYPT_FAILED}.
   */
  public static final String READ_PLAINTEXT = "colseal.migration.read-plaintext";

  /**
   * The environment this deployment runs in ({@code prod}, {@code staging}, {@code dev}), recorded on
   * each key version it creates so the audit report can find a KEK shared across environments. No
   * default.
   */
  public static final String ENVIRONMENT = "colseal.environment";

  private ColsealSettings() {}

  /** The environment variable that carries {@code setting}: {@code COLSEAL_KMS_KEK_ID}. */
  public static String environmentName(String setting) {
    return setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Whether a setting holds a secret and must never be printed. */
  public static boolean isSecret(String setting) {
    String s = setting.toLowerCase(java.util.Locale.ROOT);
    return s.contains("password") || s.contains("secret") || s.contains("credential");
  }
}
