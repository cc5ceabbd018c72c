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

  HibernateFixture(int batchSize) throws Exception {
    url = env("COLSEAL_BENCH_POSTGRES_URL", env("COLSEAL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    user = env("COLSEAL_BENCH_POSTGRES_USER", env("COLSEAL_TEST_POSTGRES_USER", "postgres"));
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
    var registry = new StandardServiceRegistryBuilder().applySettings(s).build();
    sessionFactory = new MetadataSources(registry)
        .addAnnotatedClass(EncryptedPerson.class)
        .addAnnotatedClass(PlainPerson.class)
        .buildMetadata()
        .buildSessionFactory();
  }


  void truncate() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("TRUNCATE bench_encrypted_person, bench_plain_person");
    }
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
