package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.Accounts;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliProcess;
import io.colseal.cli.testing.DocContract;
import io.colseal.cli.testing.JobTables;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal audit} through the jar, on every database, where the key and job tables cannot
 * prove something: a retirement counter that was never recorded (a version rotated before colseal
 * 0.4) is reported as unknown in every format and raises no finding; a re-encryption job whose
 * process was killed and whose lease expired is reported as STALE with a finding whose resume
 * command, run as given, finishes the job (issue 15, defects 3 and 6).
 */
@Tag("jar")
class AuditUnknownAndStaleIT {
  private static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");

  @TempDir Path dir;

  @EachDatabase
  void audit_retirementCounterNull_reportsUnknownInEveryFormat_noFinding(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = AuditIT.cli(db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      ColsealConfig config = App.localConfig(keystore, "kek1");
      List<String> plaintexts = new ArrayList<>();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 3, i -> "canary-old-" + i + "@example.com", true, plaintexts);
      }
      cli.run("keys", "rotate", "--table", "customers").ok();
      // As a rotation before colseal 0.4 (migration V0_4) left it: no counter recorded, and (before 0.9)
      // no usage records either.
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        assertEquals(1, st.executeUpdate("UPDATE colseal_data_key SET encryptions_at_retirement = NULL"
            + " WHERE table_name = 'customers' AND key_version = 1"));
        assertTrue(st.executeUpdate("DELETE FROM colseal_key_usage") >= 1);
      }

      String json = cli.run("audit", "--json").ok().out();
      JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      assertEquals(0, report.get("findings").size(), report.get("findings").toPrettyString());
      for (JsonNode d : report.get("deks")) {
        assertTrue(d.get("encryptionsAtRetirement").isNull(), "v" + d.get("version") + " (" + d.get("state")
            + "): " + d.get("encryptionsAtRetirement"));
      }
      JsonNode retired = report.at("/lifecycle/retiredUse/0");
      assertEquals(1, retired.get("version").asInt(), retired.toPrettyString());
      assertTrue(retired.get("encryptionsAtRetirement").isNull(), retired.toPrettyString());
      assertTrue(retired.get("noEncryptionSinceRetirement").isNull(), "unknown, neither true nor false: " + retired);
      assertEquals("NOT_RECORDED", retired.get("evidenceMethod").asText(), retired.toPrettyString());
      assertValid(json);

      String html = cli.run("audit", "--format", "html").ok().out();
      List<String> retiredRow = htmlRow(html, "customers", "v1", "DECRYPT_ONLY");
      assertEquals("—", retiredRow.get(3), retiredRow.toString());
      assertEquals("unknown", retiredRow.get(5), retiredRow.toString());
      String ko = cli.run("audit", "--format", "html", "--lang", "ko").ok().out();
      assertEquals("알 수 없음", htmlRow(ko, "customers", "v1", "DECRYPT_ONLY").get(5));
      String md = cli.run("audit").ok().out();
      // The use-after-retirement row: unknown, never false (the protocol inventory may say false elsewhere).
      String retiredUse = md.lines().filter(l -> l.startsWith("| customers | 1 | decrypt only | - | ")).findFirst()
          .orElseThrow(() -> new AssertionError(md));
      assertTrue(retiredUse.contains(" | unknown |"), retiredUse);
      assertFalse(retiredUse.contains(" | false |"), retiredUse);
      Path csvDir = dir.resolve("csv");
      cli.run("audit", "--format", "csv", "--output", csvDir.toString()).ok();
      List<CSVRecord> keys = AuditIT.csv(csvDir.resolve("key-register.csv"));
      int at = keys.get(0).toList().indexOf("Reserved at retirement");
      assertEquals(List.of("1|", "2|"), keys.subList(1, keys.size()).stream().map(r -> r.get(1) + "|" + r.get(at))
          .toList(), "the CSV's NULL (empty), not 0");
    }
  }

  @EachDatabase
  void audit_killedJobWithExpiredLease_isStaleWithAFindingWhoseResumeCommandFinishesIt(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = Accounts.cli(dir, db, keystore);
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      Accounts.create(db);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1", Duration.ofMinutes(5)))) {
        app.register(Accounts.both());
        Accounts.insert(app, db, 15, 3000, true);
      }
      cli.run("keys", "rotate", "--table", "accounts").ok();

      // A run throttled to 100 rows/s, killed after two batches of 100: it holds a 10-minute lease.
      String jobId;
      try (CliProcess p = cli.start("reencrypt", "--table", "accounts", "--json", "--batch-size", "100",
          "--max-rows-per-second", "100", "--lease", "PT10M")) {
        p.requireEvents("batch", 2);
        jobId = p.kill().events("start").get(0).path("jobId").asText();
      }
      assertEquals("RUNNING", JobTables.job(db, jobId).state());
      JsonNode leased = cli.run("audit", "--json").ok().json();
      assertEquals(0, leased.get("findings").size(), "a live lease may be a live worker: "
          + leased.get("findings").toPrettyString());
      assertEquals("RUNNING", latestRun(leased, jobId).get("state").asText());

      // Time passes: the lease ends where the killed worker's last batch left it.
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        assertTrue(st.executeUpdate("UPDATE colseal_job_partition SET lease_until = updated_at"
            + " WHERE state = 'LEASED'") >= 1);
      }
      String json = cli.run("audit", "--json").ok().out();
      JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      String resume = "colseal reencrypt --table accounts --job-id " + jobId + " --resume";
      AuditIT.assertFindings(Map.of("REENCRYPTION_JOB_STALE|MEDIUM|" + jobId, resume), report);
      assertEquals("STALE", latestRun(report, jobId).get("state").asText());
      long onV1 = AuditIT.column(report, "accounts", "iban").at("/rowsByKeyVersion/1").asLong();
      assertTrue(onV1 > 0, "the killed run left rows on v1: " + onV1);
      assertValid(json);
      String html = cli.run("audit", "--format", "html").ok().out();
      assertEquals("STALE", htmlRow(html, jobId + " #1", "REENCRYPT").get(2));
      assertTrue(html.contains(resume), "HTML finding");
      String md = cli.run("audit").ok().out();
      assertTrue(md.contains(" | STALE | ") && !md.contains(" | RUNNING | "), md);
      assertTrue(md.contains(resume), md);

      // The command as the finding gives it continues the run to the end.
      String message = report.get("findings").get(0).get("message").asText();
      String command = message.substring(message.indexOf("colseal reencrypt "));
      List<String> args = Arrays.asList(command.substring("colseal ".length()).split(" "));
      cli.run(args.toArray(String[]::new)).ok();
      JsonNode after = cli.run("audit", "--json").ok().json();
      assertEquals(0, after.get("findings").size(), after.get("findings").toPrettyString());
      assertEquals("DONE", latestRun(after, jobId).get("state").asText());
      assertEquals(3000, AuditIT.column(after, "accounts", "iban").at("/rowsByKeyVersion/2").asLong());
    }
  }

  private static JsonNode latestRun(JsonNode report, String jobId) {
    JsonNode latest = null;
    for (JsonNode r : report.at("/lifecycle/jobRuns")) {
      if (r.get("jobId").asText().equals(jobId) && (latest == null || r.get("runNo").asInt() > latest.get("runNo")
          .asInt())) {
        latest = r;
      }
    }
    assertTrue(latest != null, "no run of " + jobId + " in " + report.at("/lifecycle/jobRuns"));
    return latest;
  }

  /** The cells of the first row of the lifecycle section whose first cells are {@code first}. */
  private static List<String> htmlRow(String html, String... first) {
    for (Element tr : Jsoup.parse(html).select("section#lifecycle tr")) {
      List<String> cells = tr.select("td").eachText();
      if (cells.size() >= first.length && cells.subList(0, first.length).equals(List.of(first))) {
        return cells;
      }
    }
    throw new AssertionError("no HTML row starting " + List.of(first));
  }

  private static void assertValid(String json) throws Exception {
    String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schema, InputFormat.JSON).validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
  }
}
