package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-key register counts rows and values apart (issue 15, defect 8: it summed values over
 * columns and called them rows). A table of 3 encrypted columns and {@value #N} rows under v1 shows
 * {@value #N} rows and 3 x {@value #N} values for v1 in the JSON, the CSV, the Markdown and the
 * HTML, labelled in en and ko; with a re-encryption half done, rows with a value under a version
 * and rows wholly under it differ as the audit guide defines them, and {@code keys list
 * --count-rows} shows rows and values apart.
 */
@Tag("jar")
class AuditRowsIT {
  private static final int N = 30;
  private static final List<String> COLUMNS = List.of("a", "b", "c");
  /** en and ko labels of values, rows with a value under the version, rows wholly under it. */
  private static final Map<String, List<String>> LABELS = Map.of(
      "en", List.of("Values (columns × rows)", "Rows with a value under it", "Rows wholly under it"),
      "ko", List.of("값 수 (컬럼 × 행)", "이 키의 값이 있는 행", "모든 값이 이 키인 행"));

  @TempDir Path dir;

  @EachDatabase
  void keyRegister_threeColumnsNRows_nRowsAndThreeNValues_inEveryFormatAndLanguage(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = setUp(db, keystore);
      try (Colseal app = Colseal.start(db.connections(), App.localConfig(keystore, "kek1"))) {
        app.register(columns());
        insert(app, db);
      }

      JsonNode v1 = dek(cli.run("audit", "--json").ok().json(), 1);
      assertEquals(3L * N, v1.get("values").asLong(), v1.toPrettyString());
      assertEquals(N, v1.get("rowsWithAnyValue").asLong(), v1.toPrettyString());
      assertEquals(N, v1.get("rowsWithAllValues").asLong(), v1.toPrettyString());

      List<String> expected = List.of(Long.toString(3L * N), Long.toString(N), Long.toString(N));
      for (String lang : List.of("en", "ko")) {
        List<String> labels = LABELS.get(lang);
        Path csvDir = dir.resolve("csv-" + lang);
        cli.run("audit", "--format", "csv", "--lang", lang, "--output", csvDir.toString()).ok();
        assertEquals(expected, cells(csvRow(csvDir.resolve("key-register.csv")), labels), "CSV " + lang);
        String md = cli.run("audit", "--lang", lang).ok().out();
        assertEquals(expected, cells(markdownRow(md, labels.get(0)), labels), "Markdown " + lang);
        Path html = dir.resolve("audit-" + lang + ".html");
        cli.run("audit", "--format", "html", "--lang", lang, "--output", html.toString()).ok();
        assertEquals(expected, cells(htmlRow(Files.readString(html, StandardCharsets.UTF_8)), labels),
            "HTML " + lang);
      }
    }
  }

  @EachDatabase
  void keyRegister_reencryptionHalfDone_rowsWithAnyValueAndRowsWhollyUnderEachVersion(TestDatabase.Kind kind)
      throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = setUp(db, keystore);
      ColsealConfig config = App.localConfig(keystore, "kek1");
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(columns());
        insert(app, db);
      }
      cli.run("keys", "rotate", "--table", "wide").ok();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        write(app, db, 1, 10, COLUMNS); // rows 1-10 wholly on v2
        write(app, db, 11, 15, List.of("a")); // rows 11-15: a on v2, b and c still on v1
      }
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE wide SET c = NULL WHERE id = " + N); // a NULL is under no version
      }

      JsonNode report = cli.run("audit", "--json").ok().json();
      JsonNode v1 = dek(report, 1);
      JsonNode v2 = dek(report, 2);
      // v1: 90 values - 35 moved to v2 - 1 set NULL; rows 11-30 have a value on it, rows 16-30 only v1 values.
      assertEquals(List.of(54L, 20L, 15L), counts(v1), v1.toPrettyString());
      // v2: rows 1-10 x 3 + rows 11-15 x 1; rows 1-15 have a value on it, rows 1-10 only v2 values.
      assertEquals(List.of(35L, 15L, 10L), counts(v2), v2.toPrettyString());

      // keys list --count-rows: rows with a value under each version, and the values, labelled apart.
      JsonNode list = cli.run("keys", "list", "--table", "wide", "--count-rows", "--json").ok().json();
      JsonNode versions = list.at("/tables/0/versions");
      assertEquals(List.of(20L, 54L), List.of(versions.at("/0/rows").asLong(), versions.at("/0/values").asLong()),
          versions.toPrettyString());
      assertEquals(List.of(15L, 35L), List.of(versions.at("/1/rows").asLong(), versions.at("/1/values").asLong()),
          versions.toPrettyString());
      String text = cli.run("keys", "list", "--table", "wide", "--count-rows").ok().out();
      assertTrue(text.lines().findFirst().orElse("").matches(".*\\bROWS +VALUES\\b.*"), text);
    }
  }

  /** A local KEK and the table {@code wide(id, a, b, c)}; the CLI pointed at both. */
  private static Cli setUp(CliDatabase db, Path keystore) throws Exception {
    Cli cli = AuditIT.cli(db, keystore);
    cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE wide (id INT PRIMARY KEY, a VARCHAR(500), b VARCHAR(500), c VARCHAR(500))");
    }
    return cli;
  }

  private static List<EncryptedColumn> columns() {
    return COLUMNS.stream().map(col -> new EncryptedColumn("Wide", col, "wide", col, String.class, Storage.TEXT,
        Classification.OTHER_PERSONAL, "wide", col)).toList();
  }

  /** Rows 1..N, every column encrypted under the ACTIVE version. */
  private static void insert(Colseal app, CliDatabase db) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("INSERT INTO wide (id, a, b, c) VALUES (?, ?, ?, ?)")) {
      for (int i = 1; i <= N; i++) {
        ps.setInt(1, i);
        for (int k = 0; k < COLUMNS.size(); k++) {
          ps.setString(k + 2, app.textColumn("wide", COLUMNS.get(k), String.class).encrypt(COLUMNS.get(k) + i));
        }
        ps.executeUpdate();
      }
    }
  }

  /** Rewrites {@code cols} of rows {@code from..to}, encrypted under the ACTIVE version. */
  private static void write(Colseal app, CliDatabase db, int from, int to, List<String> cols) throws Exception {
    try (Connection c = db.connect()) {
      for (String col : cols) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wide SET " + col + " = ? WHERE id = ?")) {
          for (int i = from; i <= to; i++) {
            ps.setString(1, app.textColumn("wide", col, String.class).encrypt(col + i));
            ps.setInt(2, i);
            assertEquals(1, ps.executeUpdate());
          }
        }
      }
    }
  }

  private static JsonNode dek(JsonNode report, int version) {
    for (JsonNode d : report.get("deks")) {
      if (d.get("table").asText().equals("wide") && d.get("version").asInt() == version) {
        return d;
      }
    }
    throw new AssertionError("no data key wide v" + version + " in " + report.get("deks").toPrettyString());
  }

  private static List<Long> counts(JsonNode dek) {
    return List.of(dek.get("values").asLong(), dek.get("rowsWithAnyValue").asLong(),
        dek.get("rowsWithAllValues").asLong());
  }

  private static List<String> cells(Map<String, String> row, List<String> labels) {
    assertTrue(row.keySet().containsAll(labels), "labels " + labels + " not among " + row.keySet());
    return labels.stream().map(row::get).toList();
  }

  /** The key-register row of wide v1, by header. */
  private static Map<String, String> csvRow(Path file) throws Exception {
    List<CSVRecord> records = AuditIT.csv(file);
    for (CSVRecord r : records.subList(1, records.size())) {
      if (r.get(0).equals("wide") && r.get(1).equals("1")) {
        return zip(records.get(0).toList(), r.toList());
      }
    }
    throw new AssertionError("no row wide v1 in " + file);
  }

  /** The row of wide v1 in the Markdown table whose header holds {@code label}. */
  private static Map<String, String> markdownRow(String md, String label) {
    List<String> header = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("|") && line.contains("| " + label + " |")) {
        header = split(line);
      } else if (header != null && line.startsWith("| wide | 1 |")) {
        return zip(header, split(line));
      }
    }
    throw new AssertionError("no key-register row wide v1 under a header with " + label + ":\n" + md);
  }

  private static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
      out.add(cell.strip());
    }
    return out;
  }

  /** The row of wide v1 in the HTML key register. */
  private static Map<String, String> htmlRow(String html) {
    Element table = Jsoup.parse(html).selectFirst("section#key-register table");
    List<String> header = table.select("thead th").eachText();
    for (Element tr : table.select("tbody tr")) {
      // Element::text, not eachText: an empty cell (no flags) must keep its place.
      List<String> cells = tr.select("td").stream().map(Element::text).toList();
      if (cells.get(0).equals("wide") && cells.get(1).equals("v1")) {
        return zip(header, cells);
      }
    }
    throw new AssertionError("no row wide v1 in the HTML key register");
  }

  private static Map<String, String> zip(List<String> keys, List<String> values) {
    assertEquals(keys.size(), values.size(), keys + " vs " + values);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), values.get(i));
    }
    return out;
  }
}
