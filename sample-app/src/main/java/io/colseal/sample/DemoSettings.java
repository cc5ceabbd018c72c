package io.colseal.sample;

import static java.util.Objects.requireNonNull;

import io.colseal.ColsealSettings;
import io.colseal.config.Redaction;
import io.colseal.config.Setting;
import io.colseal.kms.local.LocalKmsProviderFactory;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The demo's settings, resolved once at start-up. Each is looked up in the given map (the command
 * line, or a test), then as a JVM system property ({@code -Ddemo.jdbc.url=...}), then as an
 * environment variable named like colseal's ({@code DEMO_JDBC_URL}); the first found wins, and the
 * zero-setup default applies otherwise.
 *
 * <p>The {@code colseal.*} settings follow the same order and end up in the persistence unit's
 * properties. The local-keystore defaults (alias {@code demo-kek}, a keystore under the data
 * directory, a demo password, create-if-missing) apply only while {@code colseal.kms.provider} is
 * {@code local}, so {@code COLSEAL_KMS_PROVIDER=aws-kms} needs nothing but its own settings.
 *
 * <p>Immutable. {@link #toString()} and {@link #describe()} mask passwords and URL credentials.
 */
public final class DemoSettings {
  /** Customers to write, each with one card and one account. Default 1000. */
  public static final String CUSTOMERS = "demo.customers";
  /** JDBC URL. Default: an H2 file database in the data directory. */
  public static final String JDBC_URL = "demo.jdbc.url";
  /** Database user. Default: {@code sa} (H2), {@code postgres} (PostgreSQL), {@code root} (MariaDB). */
  public static final String JDBC_USER = "demo.jdbc.user";
  /** Database password. Default empty. Never printed. */
  public static final String JDBC_PASSWORD = "demo.jdbc.password";
  /** Directory of the H2 database and the local keystore. Default {@code target/demo-data}. */
  public static final String DATA_DIR = "demo.data-dir";
  /** Customers per transaction, and the JDBC batch size. Default 50. */
  public static final String BATCH_SIZE = "demo.batch-size";

  static final int DEFAULT_CUSTOMERS = 1000;
  static final int MAX_CUSTOMERS = 1_000_000;
  static final int DEFAULT_BATCH_SIZE = 50;
  static final String LOCAL_PROVIDER = "local";
  static final String DEFAULT_KEK_ALIAS = "demo-kek";
  static final String KEYSTORE_FILE = "demo-kek.p12";
  /** Protects only the demo keystore, which sits next to the data it protects anyway. */
  static final String DEMO_KEYSTORE_PASSWORD = "colseal-demo-only";

  private final int customers;
  private final int batchSize;
  private final Path dataDir;
  private final String jdbcUrl;
  private final String jdbcUser;
  private final String jdbcPassword;
  private final Map<String, String> colseal;

  private DemoSettings(
      int customers, int batchSize, Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword,
      Map<String, String> colseal) {
    this.customers = customers;
    this.batchSize = batchSize;
    this.dataDir = dataDir;
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.jdbcPassword = jdbcPassword;
    this.colseal = Collections.unmodifiableMap(new TreeMap<>(colseal));
  }

  /** Resolves against {@code given}, the JVM's system properties and its environment. */
  public static DemoSettings resolve(Map<String, String> given) {
    return resolve(given, System.getProperties(), System.getenv());
  }

  /**
   * Resolves against explicit sources, for tests.
   *
   * @throws IllegalArgumentException naming the setting, if a value is invalid
   */
  static DemoSettings resolve(Map<String, String> given, Map<Object, Object> system, Map<String, String> env) {
    Lookup lookup = new Lookup(given, system, env);
    int customers = lookup.integer(CUSTOMERS, DEFAULT_CUSTOMERS, 1, MAX_CUSTOMERS);
    int batchSize = lookup.integer(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, 1000);
    Path dataDir = Path.of(lookup.get(DATA_DIR, Path.of("target", "demo-data").toString())).toAbsolutePath().normalize();
    String url = lookup.get(JDBC_URL, "jdbc:h2:file:" + dataDir.resolve("colseal-demo"));
    String user = lookup.get(JDBC_USER, defaultUser(url));
    String password = lookup.get(JDBC_PASSWORD, "");

    Map<String, String> colseal = new LinkedHashMap<>();
    given.forEach((k, v) -> {
      if (k.startsWith("colseal.")) {
        colseal.put(k, v);
      }
    });
    String provider = lookup.get(ColsealSettings.KMS_PROVIDER.name(), LOCAL_PROVIDER).trim();
    colseal.put(ColsealSettings.KMS_PROVIDER.name(), provider);
    if (provider.equals(LOCAL_PROVIDER)) {
      colseal.put(ColsealSettings.KEK_ID.name(), lookup.get(ColsealSettings.KEK_ID.name(), DEFAULT_KEK_ALIAS));
      colseal.put(LocalKmsProviderFactory.KEYSTORE.name(),
          lookup.get(LocalKmsProviderFactory.KEYSTORE.name(), dataDir.resolve(KEYSTORE_FILE).toString()));
      colseal.put(LocalKmsProviderFactory.KEYSTORE_PASSWORD.name(),
          lookup.get(LocalKmsProviderFactory.KEYSTORE_PASSWORD.name(), DEMO_KEYSTORE_PASSWORD));
      colseal.put(LocalKmsProviderFactory.CREATE_IF_MISSING.name(), lookup.get(LocalKmsProviderFactory.CREATE_IF_MISSING.name(), "true"));
    } else {
      String kek = lookup.find(ColsealSettings.KEK_ID.name());
      if (kek != null) {
        colseal.put(ColsealSettings.KEK_ID.name(), kek);
      }
    }
    return new DemoSettings(customers, batchSize, dataDir, url, user, password, colseal);
  }

  private static String defaultUser(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    if (u.startsWith("jdbc:postgresql:")) {
      return "postgres";
    }
    if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
      return "root";
    }
    return "sa";
  }

  public int customers() {
    return customers;
  }

  public int batchSize() {
    return batchSize;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String jdbcUser() {
    return jdbcUser;
  }

  /** The database password; never log it. */
  public String jdbcPassword() {
    return jdbcPassword;
  }

  /** The effective {@code colseal.*} settings, secrets included; never log them, use {@link #describe()}. */
  public Map<String, String> colsealSettings() {
    return colseal;
  }

  /** The KEK provider name: {@code local}, {@code aws-kms}, ... */
  public String kmsProvider() {
    return colseal.getOrDefault(ColsealSettings.KMS_PROVIDER.name(), LOCAL_PROVIDER);
  }

  /** {@code setting = value} lines for the report, with secrets as {@code ****} and URLs masked. */
  public List<String> describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put(CUSTOMERS, Integer.toString(customers));
    shown.put(BATCH_SIZE, Integer.toString(batchSize));
    shown.put(JDBC_URL, jdbcUrl);
    shown.put(JDBC_USER, jdbcUser);
    shown.put(JDBC_PASSWORD, jdbcPassword);
    colseal.forEach(shown::put);
    return shown.entrySet().stream().map(e -> e.getKey() + " = " + shownValue(e.getKey(), e.getValue())).toList();
  }

  private static String shownValue(String setting, String value) {
    if (ColsealSettings.isSecret(setting)) {
      return value.isEmpty() ? "(empty)" : "****";
    }
    return Redaction.maskUrl(value);
  }

  @Override
  public String toString() {
    return "DemoSettings" + describe();
  }

  /** Given map, then system properties, then environment. */
  private static final class Lookup {
    private final Map<String, String> given;
    private final Map<Object, Object> system;
    private final Map<String, String> env;

    Lookup(Map<String, String> given, Map<Object, Object> system, Map<String, String> env) {
      this.given = requireNonNull(given, "given");
      this.system = requireNonNull(system, "system");
      this.env = requireNonNull(env, "env");
    }

    @Nullable String find(String setting) {
      String v = given.get(setting);
      if (v == null && system.get(setting) instanceof String s) {
        v = s;
      }
      if (v == null) {
        v = env.get(Setting.environmentVariable(setting));
      }
      return v == null || v.isBlank() ? null : v;
    }

    String get(String setting, String fallback) {
      String v = find(setting);
      return v != null ? v : fallback;
    }

    int integer(String setting, int fallback, int min, int max) {
      String v = find(setting);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v.trim().replace("_", "").replace(",", ""));
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(setting + " (" + Setting.environmentVariable(setting)
          + ") must be a whole number " + min + ".." + max + ", got '" + v + "'");
    }
  }
}
