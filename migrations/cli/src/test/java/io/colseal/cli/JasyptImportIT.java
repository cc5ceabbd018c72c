package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.cli.legacy.JasyptCustomer;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.iv.RandomIvGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal reencrypt --from-jasypt} on a table whose three columns the real Jasypt library
 * wrote with three set-ups: Jasypt's default ({@code PBEWithMD5AndDES}, 1,000 iterations, random
 * salt, no IV, Base64), jasypt-spring-boot 3's default ({@code PBEWITHHMACSHA512ANDAES_256}, random
 * salt and IV), and {@code PBEWithMD5AndDES} with 7,500 iterations and hexadecimal output. A wrong
 * password stops the job at its first sample with a message naming table and column, and nothing is
 * written (values, keys, job tables); the right settings move every value into an envelope that
 * {@code @Encrypted} reads as its original, and {@code --verify} passes.
 */
@Tag("jar")
class JasyptImportIT {
  private static final int ROWS = 1_500;
  private static final String PASSWORD = "jasypt-" + Cli.CANARY;

  @TempDir Path dir;

  @EachDatabase
  void jasyptColumns_migrateWithTheirSettings_wrongPasswordWritesNothing(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir);
        Connection hold = db.owner() == null ? db.connect() : null) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore).env(Map.of("JASYPT_PW", PASSWORD, "JASYPT_WRONG", "not-the-password"));
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      seed(db);
      try (SessionFactory sf = TestSessionFactories.build(settings(db, keystore), JasyptCustomer.class)) {
        sf.inSession(s -> { }); // registers the @Encrypted columns
      }
      List<List<String>> seeded = stored(db);
      long keys = count(db, "colseal_data_key");

      // A wrong password: the first sample fails, the job stops, and nothing is written.
      CliResult wrong = cli.run("reencrypt", "--table", "jasypt_customers", "--column", "email", "--from-jasypt",
          "--jasypt-password-env", "JASYPT_WRONG");
      wrong.failed("CONFIG_INVALID");
      assertTrue(wrong.err().contains("jasypt_customers.email"), wrong.err());
      assertTrue(wrong.err().contains("nothing was written"), wrong.err());
      assertEquals(seeded, stored(db), "a wrong password writes no value");
      assertEquals(keys, count(db, "colseal_data_key"), "a wrong password creates no data key");

      // The dry run counts the Jasypt values of the column.
      JsonNode dry = summary(cli.run("reencrypt", "--table", "jasypt_customers", "--column", "email", "--from-jasypt",
          "--jasypt-password-env", "JASYPT_PW", "--dry-run", "--json").ok());
      assertEquals(ROWS - ROWS / 100, dry.path("importedFromLegacy").asLong(), dry.toString());
      assertEquals(0, dry.path("encryptedFromPlaintext").asLong(), dry.toString());

      JsonNode email = summary(cli.run("reencrypt", "--table", "jasypt_customers", "--column", "email", "--from-jasypt",
          "--jasypt-password-env", "JASYPT_PW", "--json", "--batch-size", "200").ok());
      assertEquals(ROWS - ROWS / 100, email.path("importedFromLegacy").asLong(), email.toString());
      assertEquals(ROWS, count(db, "jasypt_customers WHERE phone NOT LIKE 'cs1:%'"), "--column email leaves phone");
      JsonNode phone = summary(cli.run("reencrypt", "--table", "jasypt_customers", "--column", "phone", "--from-jasypt",
          "--jasypt-algorithm", "PBEWITHHMACSHA512ANDAES_256", "--jasypt-password-env", "JASYPT_PW", "--workers", "2",
          "--json", "--batch-size", "200").ok());
      assertEquals(ROWS, phone.path("importedFromLegacy").asLong(), phone.toString());
      JsonNode note = summary(cli.run("reencrypt", "--table", "jasypt_customers", "--column", "note", "--from-jasypt",
          "--jasypt-iterations", "7500", "--jasypt-output", "hexadecimal", "--jasypt-password-env", "JASYPT_PW",
          "--json").ok());
      assertEquals(ROWS, note.path("importedFromLegacy").asLong(), note.toString());
      for (JsonNode s : List.of(email, phone, note)) {
        assertEquals(0, s.path("failures").asLong(), s.toString());
      }

      JsonNode verify = summary(cli.run("reencrypt", "--table", "jasypt_customers", "--verify", "--json").ok());
      assertEquals(0, verify.path("failures").asLong(), verify.toString());
      try (SessionFactory sf = TestSessionFactories.build(settings(db, keystore), JasyptCustomer.class)) {
        sf.inSession(s -> {
          List<JasyptCustomer> all = s.createSelectionQuery("from JasyptCustomer order by id", JasyptCustomer.class)
              .getResultList();
          assertEquals(ROWS, all.size());
          for (JasyptCustomer c : all) {
            int i = c.getId().intValue();
            assertEquals(i % 100 == 0 ? null : email(i), c.getEmail(), "email of " + i);
            assertEquals(phone(i), c.getPhone(), "phone of " + i);
            assertEquals(note(i), c.getNote(), "note of " + i);
          }
        });
      }
      assertFalse(wrong.err().contains(PASSWORD) || wrong.err().contains("@example.kr"), "secret in stderr");
      assertTrue(hold == null || hold.isValid(5), "the H2 database stayed served from this JVM");
    }
  }

  private static String email(int i) {
    return "user" + i + "@example.kr";
  }

  private static String phone(int i) {
    return String.format("010-%04d-%04d", i / 10_000, i % 10_000);
  }

  private static String note(int i) {
    return "서울특별시 중구 세종대로 " + i + "번지, 메모 " + "가".repeat(i % 40);
  }

  /** The table, written by the real Jasypt library; every 100th email is NULL. */
  private static void seed(CliDatabase db) throws SQLException {
    StandardPBEStringEncryptor jasyptDefault = new StandardPBEStringEncryptor();
    jasyptDefault.setPassword(PASSWORD);
    StandardPBEStringEncryptor springBoot = new StandardPBEStringEncryptor();
    springBoot.setPassword(PASSWORD);
    springBoot.setAlgorithm("PBEWITHHMACSHA512ANDAES_256");
    springBoot.setKeyObtentionIterations(1000);
    springBoot.setIvGenerator(new RandomIvGenerator());
    StandardPBEStringEncryptor custom = new StandardPBEStringEncryptor();
    custom.setPassword(PASSWORD);
    custom.setKeyObtentionIterations(7500);
    custom.setStringOutputType("hexadecimal");
    try (Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE jasypt_customers (id BIGINT PRIMARY KEY, email VARCHAR(512), phone VARCHAR(512),"
            + " note VARCHAR(1024))");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO jasypt_customers VALUES (?, ?, ?, ?)")) {
        for (int i = 1; i <= ROWS; i++) {
          ps.setLong(1, i);
          ps.setString(2, i % 100 == 0 ? null : jasyptDefault.encrypt(email(i)));
          ps.setString(3, springBoot.encrypt(phone(i)));
          ps.setString(4, custom.encrypt(note(i)));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  private static List<List<String>> stored(CliDatabase db) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, email, phone, note FROM jasypt_customers ORDER BY id")) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int j = 1; j <= 4; j++) {
          row.add(rs.getString(j));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static long count(CliDatabase db, String from) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonNode summary(CliResult r) {
    List<JsonNode> lines = r.jsonLines();
    JsonNode last = lines.get(lines.size() - 1);
    assertEquals("summary", last.path("event").asText(), r.toString());
    return last;
  }

  private static Map<String, Object> settings(CliDatabase db, Path keystore) {
    return App.hibernateSettings(db, keystore);
  }
}
