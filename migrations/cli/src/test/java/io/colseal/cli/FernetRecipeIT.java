package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.cli.legacy.LegacyCustomer;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.cli.testing.CliResult;
import io.colseal.exception.DecryptionException;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.DocRegions;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS KMS + Fernet recipe end to end, on moto_server: {@code examples/fernet-recipe/
 * seed_fernet_recipe.py} writes 100,000 rows of two Fernet-token columns and the wrapped data key
 * exactly as the recipe does; the application (Hibernate, {@code @Encrypted}) reads the tokens with
 * {@code colseal.migration.read-fernet-key}; {@code colseal reencrypt --from-fernet-key} is killed
 * with SIGKILL five times and resumed, and finishes; every value then is an envelope that decrypts
 * through {@code @Encrypted} to its original without the legacy key, and the tampered tokens are
 * reported (table, column, row) and left as they were.
 */
@Tag("jar")
@ExtendWith(KmsEndpointExtension.class)
class FernetRecipeIT {
  private static final int ROWS = 100_000;
  private static final int BATCH = 500;
  private static final int KILLS = 5;
  private static final int PLAINTEXT_EVERY = 1_000;
  private static final List<Long> TAMPERED = List.of(17L, 4_242L, 99_999L);
  private static final Path SEED = Path.of("examples", "fernet-recipe", "seed_fernet_recipe.py");

  @TempDir Path dir;

  @EachDatabase(except = TestDatabase.Kind.H2, because = "the recipe's seed script writes through psql or mariadb;"
      + " the recipe's users run PostgreSQL and MySQL/MariaDB (JasyptImportIT and ReencryptIT cover H2)")
  void recipeTable_migratedWithFiveKills_everyValueDecryptsAndTamperedTokensAreReported(TestDatabase.Kind kind,
      KmsEndpoint kms) throws Exception {
    long seed = Long.getLong("test.colseal.seed", System.nanoTime());
    System.out.println("FernetRecipeIT seed " + seed + " (repeat with -Dtest.colseal.seed=" + seed + ")");
    long t0 = System.nanoTime();
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keyFile = dir.resolve("encrypted_key.txt");
      Path expectedFile = dir.resolve("expected.tsv");
      seedRecipe(kms, db, keyFile, expectedFile);
      Map<Long, String[]> expected = readExpected(expectedFile);
      assertEquals(ROWS, expected.size());
      String kek = kms.createKey("colseal KEK for FernetRecipeIT");
      Map<Long, List<String>> before = storedRows(db, TAMPERED);
      long t1 = System.nanoTime();

      // The application, on colseal with the legacy key: reads the recipe's tokens as they are.
      try (SessionFactory sf = TestSessionFactories.build(settings(db, kms, kek, keyFile), LegacyCustomer.class)) {
        assertRowsRead(sf, expected, 1, 2_000);
        for (long id : TAMPERED) {
          DecryptionException e = assertThrows(DecryptionException.class,
              () -> sf.fromSession(s -> s.find(LegacyCustomer.class, id).getEmail()), "tampered row " + id);
          assertEquals("fernet_customers", e.table());
          assertEquals("email", e.column());
          assertFalse(e.getMessage().contains(expected.get(id)[1]), "the message quotes the plaintext");
        }
      }

      Cli cli = new Cli(dir).javaOptions("-Xmx256m").env(kms.childEnvironment()).env(Map.of(
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_KMS_PROVIDER", "aws-kms",
          "COLSEAL_KMS_KEK_ID", kek,
          "COLSEAL_KMS_AWS_ENDPOINT", kms.uri().toString()));
      if (!db.childPassword().isEmpty()) {
        cli.env("COLSEAL_JDBC_PASSWORD", db.childPassword());
      }
      String[] migrate = {"reencrypt", "--table", "fernet_customers", "--from-fernet-key", keyFile.toString(),
          "--json", "--lease", "PT2S", "--batch-size", String.valueOf(BATCH)};

      // The dry run counts each kind: Fernet tokens (tampered ones have the shape too) and plaintext.
      long plaintextEmails = ROWS / PLAINTEXT_EVERY;
      // (The key read from a table, as teams that keep it in a configuration table do.)
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE app_config (name VARCHAR(64) PRIMARY KEY, wrapped_key VARCHAR(1024))");
        st.execute("INSERT INTO app_config VALUES ('fernet', '" + Files.readString(keyFile).strip() + "')");
      }
      JsonNode dry = cli.run("reencrypt", "--table", "fernet_customers", "--from-fernet-key-sql",
          "SELECT wrapped_key FROM app_config WHERE name = 'fernet'", "--dry-run", "--json").ok().jsonLines().stream().filter(e -> "summary".equals(e.path("event").asText()))
          .findFirst().orElseThrow();
      assertEquals(2L * ROWS - plaintextEmails, dry.path("importedFromLegacy").asLong(), dry.toString());
      assertEquals(plaintextEmails, dry.path("encryptedFromPlaintext").asLong(), dry.toString());
      assertEquals(0, dry.path("reencrypted").asLong(), dry.toString());
      assertEquals(ROWS, countWhere(db, "email LIKE 'gAAAA%' OR email LIKE 'user%'"), "nothing written by the dry run");

      Random random = new Random(seed);
      List<CliProcess.Finished> runs = new ArrayList<>();
      while (runs.size() < KILLS) {
        int after = 1 + random.nextInt(9);
        try (CliProcess p = cli.start(migrate)) {
          assertTrue(p.awaitEvents("batch", after), "run " + (runs.size() + 1) + " ended before its batch " + after);
          runs.add(p.kill());
        }
      }
      assertTrue(countWhere(db, "name LIKE 'cs1:%'") > 0, "the killed runs committed batches");
      assertTrue(countWhere(db, "name LIKE 'gAAAA%'") > 0, "the killed runs left work for the last one");
      CliProcess.Finished last;
      try (CliProcess p = cli.start(migrate)) {
        last = p.waitFor();
      }
      long t2 = System.nanoTime();

      // The last run ends incomplete (exit 50): row 99,999's token is tampered, and the killed runs
      // (at most 45 of 200 batches) cannot have reached it.
      assertEquals(50, last.exit(), "JOB_INCOMPLETE for the tampered tokens: " + last);
      JsonNode summary = last.summary();
      assertTrue(summary.path("failures").asLong() >= 1, summary.toString());
      String jobId = summary.path("jobId").asText();
      for (CliProcess.Finished run : runs) {
        assertEquals(jobId, run.events("start").get(0).path("jobId").asText(), "every run joins the same job");
      }
      Set<Long> reported = new TreeSet<>();
      for (CliProcess.Finished run : all(runs, last)) {
        for (JsonNode f : run.events("failure")) {
          assertEquals("fernet_customers", f.path("table").asText());
          assertEquals("email", f.path("column").asText());
          assertEquals("DECRYPT_FAILED", f.path("code").asText());
          reported.add(f.path("primaryKey").path("id").asLong());
        }
      }
      assertTrue(new TreeSet<>(TAMPERED).containsAll(reported), "only tampered rows fail: " + reported);

      // A failed value leaves its row as it was: the tampered rows hold their seeded tokens, both
      // columns; every other value is an envelope.
      assertEquals(before, storedRows(db, TAMPERED), "the tampered rows are unchanged");
      assertEquals(TAMPERED.size(), countWhere(db, "email LIKE 'gAAAA%'"), "only the tampered tokens remain");
      assertEquals(TAMPERED.size(), countWhere(db, "name NOT LIKE 'cs1:%'"), "names of tampered rows stay");
      assertEquals(ROWS - TAMPERED.size(), countWhere(db, "email LIKE 'cs1:%'"), "every other email is an envelope");

      // --verify proves every other value is an envelope that decrypts, and names each tampered row.
      CliResult verify = cli.run("reencrypt", "--table", "fernet_customers", "--verify", "--json");
      assertEquals(50, verify.exit(), verify.toString());
      List<JsonNode> lines = verify.jsonLines();
      JsonNode verified = lines.get(lines.size() - 1);
      assertEquals(2L * TAMPERED.size(), verified.path("failures").asLong(), verified.toString());
      Set<Long> verifyFailed = new TreeSet<>();
      lines.stream().filter(e -> "failure".equals(e.path("event").asText()))
          .forEach(e -> verifyFailed.add(e.path("primaryKey").path("id").asLong()));
      assertEquals(new TreeSet<>(TAMPERED), verifyFailed, "--verify names the tampered rows");

      // The application without the legacy key reads every other value as its original.
      try (SessionFactory sf = TestSessionFactories.build(settings(db, kms, kek, null), LegacyCustomer.class)) {
        assertRowsRead(sf, expected, 1, ROWS);
      }
      // No plaintext in anything the CLI printed.
      for (CliProcess.Finished run : all(runs, last)) {
        assertFalse(run.err().contains("@example.kr") || run.events().toString().contains("@example.kr"), "plaintext");
      }
      assertFalse(verify.out().contains("@example.kr") || verify.err().contains("@example.kr"), "plaintext");
      System.out.printf("FernetRecipeIT %s: seed %d, %d kills, %d rows in batch events, seeding %d s, migration %d s,"
              + " total %d s%n", kind, seed, runs.size(),
          runs.stream().mapToLong(r -> r.sum("batch", "rows")).sum() + last.sum("batch", "rows"),
          seconds(t1 - t0), seconds(t2 - t1), seconds(System.nanoTime() - t0));
    }
  }

  /** Runs the recipe's seed script into {@code db}. */
  private void seedRecipe(KmsEndpoint kms, CliDatabase db, Path keyFile, Path expectedFile) throws Exception {
    URI url = URI.create(db.url().substring("jdbc:".length()));
    List<String> cmd = new ArrayList<>(List.of("python3", DocRegions.repositoryRoot().resolve(SEED).toString(),
        "--endpoint", kms.uri().toString(), "--rows", String.valueOf(ROWS),
        "--host", url.getHost(), "--port", String.valueOf(url.getPort()), "--user", db.user(),
        "--table", "fernet_customers", "--key-file", keyFile.toString(), "--expected-file", expectedFile.toString(),
        "--plaintext-every", String.valueOf(PLAINTEXT_EVERY),
        "--tamper-ids", String.join(",", TAMPERED.stream().map(String::valueOf).toList())));
    if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
      String schema = url.getQuery().replaceAll(".*currentSchema=([^&]+).*", "$1");
      cmd.addAll(List.of("--dialect", "postgresql", "--database", url.getPath().substring(1), "--schema", schema));
    } else {
      cmd.addAll(List.of("--dialect", "mariadb", "--database", url.getPath().substring(1)));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("seed.log").toFile());
    pb.environment().putAll(kms.childEnvironment());
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the seed script finished");
    assertEquals(0, p.exitValue(), "seed script: " + Files.readString(dir.resolve("seed.log")));
  }

  private static Map<Long, String[]> readExpected(Path file) throws IOException {
    Map<Long, String[]> out = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t");
        out.put(Long.parseLong(f[0]), new String[] {f[1], f[2]});
      }
    }
    return out;
  }

  /** Every row of ids {@code from..to} but the tampered ones reads, through Hibernate, as its original. */
  private static void assertRowsRead(SessionFactory sf, Map<Long, String[]> expected, long from, long to) {
    sf.inSession(s -> {
      long read = 0;
      for (long lo = from; lo <= to; lo += 5_000) {
        List<LegacyCustomer> page = s.createSelectionQuery("from LegacyCustomer c where c.id between :lo and :hi"
                + " and c.id not in :tampered order by c.id", LegacyCustomer.class)
            .setParameter("lo", lo).setParameter("hi", Math.min(to, lo + 4_999)).setParameter("tampered", TAMPERED)
            .getResultList();
        for (LegacyCustomer c : page) {
          String[] e = expected.get(c.getId());
          assertEquals(e[0], c.getName(), "name of row " + c.getId());
          assertEquals(e[1], c.getEmail(), "email of row " + c.getId());
        }
        read += page.size();
        s.clear();
      }
      long tamperedInRange = TAMPERED.stream().filter(id -> id >= from && id <= to).count();
      assertEquals(to - from + 1 - tamperedInRange, read, "rows read");
    });
  }

  private static List<CliProcess.Finished> all(List<CliProcess.Finished> runs, CliProcess.Finished last) {
    List<CliProcess.Finished> all = new ArrayList<>(runs);
    all.add(last);
    return all;
  }

  /** The stored (name, email) of rows {@code ids}. */
  private static Map<Long, List<String>> storedRows(CliDatabase db, List<Long> ids) throws SQLException {
    Map<Long, List<String>> out = new java.util.TreeMap<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name, email FROM fernet_customers WHERE id IN ("
            + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")")) {
      while (rs.next()) {
        out.put(rs.getLong(1), List.of(rs.getString(2), rs.getString(3)));
      }
    }
    assertEquals(ids.size(), out.size());
    return out;
  }

  private static long countWhere(CliDatabase db, String condition) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM fernet_customers WHERE " + condition)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Map<String, Object> settings(CliDatabase db, KmsEndpoint kms, String kek, Path fernetKey) {
    Map<String, Object> s = new HashMap<>();
    s.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.owner().dataSource());
    s.put(AvailableSettings.HBM2DDL_AUTO, "none");
    s.put("colseal.kms.provider", "aws-kms");
    s.put("colseal.kms.kek-id", kek);
    s.put("colseal.kms.aws.endpoint", kms.uri().toString());
    s.put("colseal.kms.aws.region", KmsEndpoint.REGION);
    if (fernetKey != null) { // the column is mixed: Fernet tokens, and plaintext in every 1,000th row
      s.put("colseal.migration.read-fernet-key", fernetKey.toString());
      s.put("colseal.migration.read-plaintext", "true");
    }
    return s;
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
