package io.colseal.cli.testing;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application side of the CLI tests, in this JVM: tables {@code customers(id, email)} and
 * {@code orders(id, note)} with encrypted text columns, written and read through {@link Colseal}
 * with plain JDBC.
 */
public final class App {
  private App() {}

  public static final List<EncryptedColumn> COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email"),
      new EncryptedColumn("Order", "note", "orders", "note", String.class, Storage.TEXT,
          Classification.UNSPECIFIED, "orders", "note"));

  /** Local KEK settings; the ACTIVE version is re-read on every use, so rotations show at once. */
  /**
   * Hibernate settings of an application on {@code db} with the local KEK {@code kek1} in {@code
   * keystore} (the canary as its password), schema left alone: the server database's pool, or for
   * H2 (a file with AUTO_SERVER, shared with the CLI's process) a data source of its own.
   */
  public static Map<String, Object> hibernateSettings(CliDatabase db, Path keystore) {
    Map<String, Object> s = new java.util.HashMap<>();
    if (db.owner() != null) {
      s.put("jakarta.persistence.nonJtaDataSource", db.owner().dataSource());
    } else {
      org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
      h2.setURL(db.url());
      h2.setUser(db.user());
      h2.setPassword(db.password());
      s.put("jakarta.persistence.nonJtaDataSource", h2);
    }
    s.put("hibernate.hbm2ddl.auto", "none");
    s.put("colseal.kms.provider", "local");
    s.put("colseal.kms.kek-id", "kek1");
    s.put("colseal.kms.local.keystore", keystore.toString());
    s.put("colseal.kms.local.keystore-password", Cli.CANARY);
    return s;
  }

  public static ColsealConfig localConfig(Path keystore, String kekAlias) {
    return ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekAlias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", Cli.CANARY,
        "colseal.keys.refresh-interval", "PT0S"));
  }

  /**
   * Local KEK settings with a key refresh interval: for bulk writes, where re-reading the ACTIVE
   * version on every use (as {@link #localConfig} does) would cost a query per value.
   */
  public static ColsealConfig localConfig(Path keystore, String kekAlias, Duration refreshInterval) {
    return ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekAlias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", Cli.CANARY,
        "colseal.keys.refresh-interval", refreshInterval.toString()));
  }

  public static void createTables(CliDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      st.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(1000))");
    }
  }

  /** Inserts customers 1..n with encrypted e-mail addresses. */
  public static void insertCustomers(Colseal colseal, CliDatabase db, int n) throws SQLException {
    var email = colseal.textColumn("customers", "email", String.class);
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?)")) {
      for (int i = 1; i <= n; i++) {
        ps.setInt(1, i);
        ps.setString(2, email.encrypt(plainEmail(i)));
        ps.executeUpdate();
      }
    }
  }

  public static String plainEmail(int i) {
    return "customer" + i + "@example.com";
  }

  /** The stored (encrypted) e-mail values by id order. */
  public static List<String> storedEmails(CliDatabase db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT email FROM customers ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Decrypts every e-mail and writes it again under the ACTIVE key. */
  public static void reencryptCustomers(Colseal colseal, CliDatabase db) throws SQLException {
    var email = colseal.textColumn("customers", "email", String.class);
    List<String> stored = storedEmails(db);
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE customers SET email = ? WHERE id = ?")) {
      for (int i = 0; i < stored.size(); i++) {
        ps.setString(1, email.encrypt(email.decrypt(stored.get(i))));
        ps.setInt(2, i + 1);
        ps.executeUpdate();
      }
    }
  }

  /** Every e-mail, decrypted. */
  public static List<String> decryptedEmails(Colseal colseal, CliDatabase db) throws SQLException {
    var email = colseal.textColumn("customers", "email", String.class);
    return storedEmails(db).stream().map(email::decrypt).toList();
  }
}
