package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.DocContract;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cryptoperiods belong to the key, not to whoever runs the audit (issue 15, defect 4), through the
 * jar on every database: a key created with periods A is reported with A's ends by an audit run
 * with other settings; {@code keys set-cryptoperiod} is the one way to change them, logged with
 * actor and reason and shown by the audit; a version older than key table V0_7 is "not recorded"
 * with a finding whose command records it; refusals are typed.
 */
@Tag("jar")
class AuditCryptoperiodIT {
  /** Periods A, given to the process that creates the key. */
  private static final String[] PERIODS_A = {"--set", "colseal.keys.originator-period=P30D", "--set",
      "colseal.keys.validity-period=P90D"};

  @TempDir Path dir;

  private Cli initWithPeriodsA(CliDatabase db) {
    Cli cli = AuditIT.cli(db, dir.resolve("kek.p12"));
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    List<String> args = new ArrayList<>(List.of("keys", "init", "--table", "customers"));
    args.addAll(List.of(PERIODS_A));
    cli.run(args.toArray(String[]::new)).ok();
    return cli;
  }

  private static JsonNode dek(JsonNode report, int version) {
    for (JsonNode d : report.get("deks")) {
      if (d.get("table").asText().equals("customers") && d.get("version").asInt() == version) {
        return d;
      }
    }
    throw new AssertionError("no customers v" + version + " in " + report.get("deks"));
  }

  private static Instant at(JsonNode node, String field) {
    return Instant.parse(node.get(field).asText());
  }

  @EachDatabase
  void audit_withOtherPeriodSettings_reportsTheEndsRecordedWithTheKey(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = initWithPeriodsA(db);
      String json = cli.run("audit", "--json", "--set", "colseal.keys.originator-period=P365D", "--set",
          "colseal.keys.validity-period=P3650D").ok().out();
      JsonNode report = new ObjectMapper().readTree(json);
      JsonNode v1 = dek(report, 1);
      Instant created = at(v1, "createdAt");
      assertEquals(created.plus(Duration.ofDays(90)), at(v1, "validUntil"), v1.toPrettyString());
      assertEquals(at(v1, "activatedAt").plus(Duration.ofDays(30)), at(v1, "useEndsAt"), v1.toPrettyString());
      assertEquals("RECORDED", v1.get("cryptoperiodSource").asText());
      // The policy section shows the auditor's settings, for new keys only.
      assertEquals("PT87600H", report.at("/policy/validityPeriod").asText());
      assertValid(json);

      String recordedEnd = created.plus(Duration.ofDays(90)).toString().replace("T", " ").replaceAll("\\.\\d+", "")
          .replace("Z", " UTC");
      String md = cli.run("audit", "--set", "colseal.keys.validity-period=P3650D").ok().out();
      assertTrue(md.contains(recordedEnd + " | recorded with the key |"), recordedEnd + " not in\n" + md);
      String ko = cli.run("audit", "--format", "html", "--lang", "ko", "--set",
          "colseal.keys.validity-period=P3650D").ok().out();
      assertTrue(ko.contains(recordedEnd) && ko.contains("키에 기록됨"), "Korean HTML");
      JsonNode listed = cli.run("keys", "list", "--json", "--set", "colseal.keys.validity-period=P3650D").ok().json()
          .at("/tables/0/versions/0");
      assertEquals(created.plus(Duration.ofDays(90)), at(listed, "validUntil"), listed.toPrettyString());
    }
  }

  @EachDatabase
  void setCryptoperiod_changesTheEnds_logsActorAndReason_andTheAuditShowsBoth(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = initWithPeriodsA(db);
      JsonNode changed = cli.run("keys", "set-cryptoperiod", "--table", "customers", "--version", "1",
          "--validity-period", "P400D", "--reason", "policy KP-7 approved", "--json").ok().json();
      JsonNode change = changed.at("/versions/0");
      Instant before = at(change, "previousValidUntil");
      assertEquals(at(change, "validUntil").minus(Duration.ofDays(310)), before, changed.toPrettyString());

      String json = cli.run("audit", "--json").ok().out();
      JsonNode report = new ObjectMapper().readTree(json);
      JsonNode v1 = dek(report, 1);
      assertEquals(at(v1, "createdAt").plus(Duration.ofDays(400)), at(v1, "validUntil"));
      assertEquals(at(v1, "activatedAt").plus(Duration.ofDays(30)), at(v1, "useEndsAt"), "kept");
      JsonNode event = report.at("/lifecycle/keyEvents/0");
      assertEquals("CRYPTOPERIOD", event.get("event").asText(), report.at("/lifecycle/keyEvents").toPrettyString());
      assertEquals(1, event.get("version").asInt());
      assertTrue(event.get("actor").asText().startsWith("os "), event.toPrettyString());
      String detail = event.get("detail").asText();
      assertTrue(detail.startsWith("use ends "), detail);
      assertTrue(detail.contains("valid until " + before + " -> " + at(v1, "validUntil")), detail);
      assertTrue(detail.contains("validity-period P400D from creation"), detail);
      assertTrue(detail.endsWith("reason: policy KP-7 approved"), detail);
      assertValid(json);
      String md = cli.run("audit").ok().out();
      assertTrue(md.lines().anyMatch(l -> l.contains("| customers v1 | CRYPTOPERIOD |") && l.contains("KP-7")), md);
    }
  }

  @EachDatabase
  void preV07Version_isNotRecorded_withAFindingWhoseCommandRecordsIt(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = initWithPeriodsA(db);
      // As a version created before key table V0_7 is.
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        assertEquals(1, st.executeUpdate("UPDATE colseal_data_key SET use_ends_at = NULL, valid_until = NULL"));
      }
      String json = cli.run("audit", "--json").ok().out();
      JsonNode report = new ObjectMapper().readTree(json);
      JsonNode v1 = dek(report, 1);
      assertTrue(v1.get("useEndsAt").isNull() && v1.get("validUntil").isNull(), v1.toPrettyString());
      assertEquals("NOT_RECORDED", v1.get("cryptoperiodSource").asText());
      String command = "colseal keys set-cryptoperiod --table customers --version 1";
      AuditIT.assertFindings(java.util.Map.of("KEY_CRYPTOPERIOD_NOT_RECORDED|MEDIUM|customers v1", command), report);
      assertValid(json);
      String ko = cli.run("audit", "--lang", "ko").ok().out();
      assertTrue(ko.contains("| 기록 없음 | 기록 없음 | 기록 없음 |"), ko);
      Path csv = dir.resolve("csv");
      cli.run("audit", "--format", "csv", "--output", csv.toString()).ok();
      assertTrue(Files.readString(csv.resolve("key-register.csv")).contains(",NOT_RECORDED"));

      // The finding's command, with the periods the policy gave the key, records them.
      String message = report.at("/findings/0/message").asText();
      String given = message.substring(message.indexOf(command) + "colseal ".length());
      List<String> args = new ArrayList<>(List.of(given.replace("--originator-period P...", "--originator-period P365D")
          .replace("--validity-period P...", "--validity-period P1825D").split(" ")));
      cli.run(args.toArray(String[]::new)).ok();
      JsonNode after = cli.run("audit", "--json").ok().json();
      assertEquals("RECORDED", dek(after, 1).get("cryptoperiodSource").asText());
      assertEquals(0, after.get("findings").size(), after.get("findings").toPrettyString());
    }
  }

  @EachDatabase
  void setCryptoperiod_refusals_areTypedAndChangeNothing(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Cli cli = initWithPeriodsA(db);
      String validityBeforeUse = cli.run("keys", "set-cryptoperiod", "--table", "customers", "--version", "1",
          "--validity-period", "P20D").failed("CONFIG_INVALID").err();
      assertTrue(validityBeforeUse.contains("key customers v1: its validity would end"), validityBeforeUse);
      cli.run("keys", "set-cryptoperiod", "--table", "customers", "--version", "1").failed("CONFIG_INVALID");
      String unknown = cli.run("keys", "set-cryptoperiod", "--table", "customers", "--version", "7",
          "--validity-period", "P400D").failed("KEY_NOT_FOUND").err();
      assertTrue(unknown.contains("customers") && unknown.contains("7"), unknown);
      cli.run("keys", "set-cryptoperiod", "--table", "nosuch", "--all-versions", "--validity-period", "P400D")
          .failed("KEY_NOT_FOUND");
      cli.run("keys", "rotate", "--table", "customers").ok();
      cli.run("keys", "destroy", "--table", "customers", "--version", "1").ok();
      String destroyed = cli.run("keys", "set-cryptoperiod", "--table", "customers", "--version", "1",
          "--validity-period", "P400D").failed("KEY_DESTROYED").err();
      assertTrue(destroyed.contains("key customers v1 is DESTROYED"), destroyed);
      JsonNode report = cli.run("audit", "--json").ok().json();
      assertFalse(report.at("/lifecycle/keyEvents").toString().contains("CRYPTOPERIOD"),
          report.at("/lifecycle/keyEvents").toPrettyString());
      assertEquals(at(dek(report, 1), "createdAt").plus(Duration.ofDays(90)), at(dek(report, 1), "validUntil"));
    }
  }

  private static void assertValid(String json) throws Exception {
    String schema = Files.readString(DocContract.docs().resolve("reference/audit-report.schema.json"));
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schema, InputFormat.JSON).validate(json, InputFormat.JSON);
    assertEquals(List.of(), errors.stream().map(Object::toString).toList());
  }
}
