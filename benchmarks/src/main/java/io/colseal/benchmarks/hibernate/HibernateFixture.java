package io.colseal.benchmarks.hibernate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * A PostgreSQL schema of its own with a SessionFactory mapping {@link EncryptedPerson} and {@link
 * PlainPerson}. The server comes from {@code COLSEAL_BENCH_POSTGRES_URL}, else {@code
 * COLSEAL_TEST_POSTGRES_URL}, else {@code jdbc:postgresql://127.0.0.1:5432/test} (user from {@code
 * COLSEAL_BENCH_POSTGRES_USER}, default {@code postgres}). The KEK is local: these benchmarks
 * measure the per-row cost, and KMS calls happen once per table key (see the KMS harness).
 */
final class HibernateFixture implements AutoCloseable {
  final SessionFactory sessionFactory;
  private final HikariDataSource dataSource;
  private final String url;
  private final String user;
  private final String schema;
  private final Path keystoreDir;
  /** The Hibernate settings of this fixture other than the KEK provider and the schema generation. */
  private final Map<String, Object> baseSettings;

  HibernateFixture(int batchSize) throws Exception {
    this(batchSize, EncryptedPerson.class, PlainPerson.class);
  }

  /** A fresh schema mapping the given entities. */
  HibernateFixture(int batchSize, Class<?>... entities) throws Exception {
    this(batchSize, Map.of(), entities);
  }

  /** A fresh schema mapping the given entities, with extra Hibernate or colseal settings. */
  HibernateFixture(int batchSize, Map<String, Object> settings, Class<?>... entities) throws Exception {
    url = env("COLSEAL_BENCH_POSTGRES_URL", env("COLSEAL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    user = env("COLSEAL_BENCH_POSTGRES_USER", env("COLSEAL_TEST_POSTGRES_USER", "postgres"));
    if (url.startsWith("jdbc:postgresql:")) {
      // Registers this class loader's driver: DriverManager finds drivers by service loading only
      // in the application class loader, and IsolatedColseal runs a fixture in a loader of its own.
      Class.forName("org.postgresql.Driver");
    }
    schema = "colseal_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    exec("CREATE SCHEMA " + schema);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    hc.setUsername(user);
    hc.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(hc);
    keystoreDir = Files.createTempDirectory("colseal-bench-kek");
    Map<String, Object> s = new HashMap<>();
    s.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    s.put(AvailableSettings.HBM2DDL_AUTO, "create");
    s.put(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(batchSize));
    s.put(AvailableSettings.ORDER_INSERTS, "true");
    s.put("colseal.kms.provider",
        LocalKeystoreKms.open(keystoreDir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true));
    s.putAll(settings);
    baseSettings = Map.copyOf(Map.of(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource,
        AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(batchSize), AvailableSettings.ORDER_INSERTS, "true"));
    var registry = new StandardServiceRegistryBuilder().applySettings(s).build();
    MetadataSources sources = new MetadataSources(registry);
    for (Class<?> entity : entities) {
      sources.addAnnotatedClass(entity);
    }
    sessionFactory = sources.buildMetadata().buildSessionFactory();
  }

  /** Runs one statement in this fixture's schema. */
  void execInSchema(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Fails unless every {@code email} of the text and the binary table is an algorithm-04 envelope. */
  void requireAlgorithm04(String textTable, String binaryTable) throws SQLException {
    String[] checks = {textTable + " WHERE email NOT LIKE 'cs1:04:%'", binaryTable + " WHERE get_byte(email, 3) <> 4"};
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (String check : checks) {
        try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + check)) {
          rs.next();
          if (rs.getLong(1) != 0) {
            throw new IllegalStateException(check + ": " + rs.getLong(1) + " values are not algorithm 04");
          }
        }
      }
    }
  }

  /**
   * Inserts {@code rows} sample rows of each type through a second SessionFactory over this
   * schema, its key table and KEK, with {@code settings} added (for example {@code
   * colseal.crypto.column-keys}); the tables must already exist.
   */
  @SafeVarargs
  final void populateWith(Map<String, Object> settings, int rows, java.util.function.Supplier<? extends Person>... types)
      throws Exception {
    Map<String, Object> s = new HashMap<>(baseSettings);
    s.put(AvailableSettings.HBM2DDL_AUTO, "none");
    s.put("colseal.kms.provider",
        LocalKeystoreKms.open(keystoreDir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", false));
    s.putAll(settings);
    var registry = new StandardServiceRegistryBuilder().applySettings(s).build();
    MetadataSources sources = new MetadataSources(registry);
    for (java.util.function.Supplier<? extends Person> type : types) {
      sources.addAnnotatedClass(type.get().getClass());
    }
    try (SessionFactory writer = sources.buildMetadata().buildSessionFactory()) {
      for (java.util.function.Supplier<? extends Person> type : types) {
        populate(writer, type, rows);
      }
    }
  }

  /** Inserts {@code rows} sample rows (ids 1..rows) of {@code type}, 1,000 per transaction. */
  void populate(java.util.function.Supplier<? extends Person> type, int rows) {
    populate(sessionFactory, type, rows);
  }

  private static void populate(SessionFactory sessionFactory, java.util.function.Supplier<? extends Person> type,
      int rows) {
    for (int chunk = 0; chunk < rows; chunk += 1000) {
      int base = chunk;
      int n = Math.min(1000, rows - chunk);
      sessionFactory.inTransaction(s -> {
        for (int i = 1; i <= n; i++) {
          Person p = type.get();
          Person.sample(p, base + i);
          s.persist(p);
        }
      });
    }
  }


  void truncate() throws SQLException {
    truncate("bench_encrypted_person", "bench_plain_person");
  }

  void truncate(String... tables) throws SQLException {
    execInSchema("TRUNCATE " + String.join(", ", tables));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, env("COLSEAL_BENCH_POSTGRES_PASSWORD", ""));
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() throws Exception {
    sessionFactory.close();
    dataSource.close();
    exec("DROP SCHEMA " + schema + " CASCADE");
    try (var files = Files.walk(keystoreDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
