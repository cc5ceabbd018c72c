package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.jdbc.DatabaseVendor;
import io.colseal.testing.DocRegions;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyTableScriptTest {
  private static final String SCRIPT = "CREATE TABLE a (x INT);\nALTER TABLE a ADD y INT;\n";
  private static final Path KEY_TABLE_DOC = Path.of("docs", "reference", "key-table.md");
  private static final String CHANGELOG = "/db/liquibase/colseal-changelog.xml";
  private static final String CHANGELOG_REGION = "liquibase-changelog";

  @ParameterizedTest
  @EnumSource(DatabaseVendor.class)
  void all_listsEveryFileOfTheVendorFolder(DatabaseVendor vendor) throws Exception {
    URL folder = KeyTableScriptTest.class.getResource("/" + vendor.migrationFolder());
    assertTrue(folder != null && folder.getProtocol().equals("file"), "no folder " + vendor.migrationFolder());
    Set<String> files;
    try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
      files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed = KeyTableScript.ALL.stream().map(KeyTableScript::fileName).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, listed, vendor.migrationFolder() + " and KeyTableScript.ALL differ");
  }

  @ParameterizedTest
  @EnumSource(DatabaseVendor.class)
  void text_everyScript_readFromTheClassPath(DatabaseVendor vendor) {
    for (KeyTableScript script : KeyTableScript.ALL) {
      assertTrue(script.text(vendor).startsWith("-- colseal"), script.resource(vendor));
    }
  }

  @Test
  void all_versionsStrictlyAscend() {
    List<KeyTableScript> all = KeyTableScript.ALL;
    for (int i = 1; i < all.size(); i++) {
      assertTrue(KeyTableScript.compareVersions(all.get(i - 1).version(), all.get(i).version()) < 0, all.get(i).fileName());
    }
  }

  @Test
  void named_flywayFileName_derivesVersionAndDescriptionAsFlywayDoes() {
    KeyTableScript s = KeyTableScript.named("V0_10__colseal_some_change.sql");
    assertEquals("0.10", s.version());
    assertEquals("colseal some change", s.description());
  }

  @Test
  void named_otherName_throws() {
    assertThrows(IllegalArgumentException.class, () -> KeyTableScript.named("V0_7_colseal.sql"));
  }

  @Test
  void compareVersions_comparesPartsAsNumbers() {
    assertTrue(KeyTableScript.compareVersions("0.10", "0.9") > 0);
    assertEquals(0, KeyTableScript.compareVersions("1", "1.0"));
    assertTrue(KeyTableScript.compareVersions("0", "0.1") < 0);
  }

  @Test
  void isVersion_nonNumericVersion_isFalse() {
    assertFalse(KeyTableScript.isVersion("0.1a"));
    assertTrue(KeyTableScript.isVersion("0.1"));
  }

  @Test
  void checksum_lineBreakStyle_doesNotCount() {
    int lf = KeyTableScript.checksum(SCRIPT);
    assertEquals(lf, KeyTableScript.checksum(SCRIPT.replace("\n", "\r\n")));
    assertEquals(lf, KeyTableScript.checksum(SCRIPT.replace("\n", "\r")));
  }

  @Test
  void checksum_byteOrderMark_doesNotCount() {
    assertEquals(KeyTableScript.checksum(SCRIPT), KeyTableScript.checksum("\uFEFF" + SCRIPT));
  }

  @Test
  void checksum_changedCharacter_differs() {
    assertNotEquals(KeyTableScript.checksum(SCRIPT), KeyTableScript.checksum(SCRIPT.replace("INT", "BIGINT")));
  }

  @Test
  void operation_statement_leadingWordsUpToParenthesis() {
    assertEquals("CREATE TABLE colseal_job", KeyTableMigrator.operation("CREATE TABLE colseal_job (\n  job_id INT\n)"));
    assertEquals("ALTER TABLE colseal_column ADD COLUMN index_bits INTEGER",
        KeyTableMigrator.operation("ALTER TABLE colseal_column\n    ADD COLUMN index_bits INTEGER"));
  }

  @Test
  void keyTableDoc_migrations_listEveryScriptInOrder() throws Exception {
    String doc = Files.readString(DocRegions.repositoryRoot().resolve(KEY_TABLE_DOC), StandardCharsets.UTF_8);
    String migrations = doc.substring(doc.indexOf("## Migrations"));
    int at = 0;
    for (KeyTableScript script : KeyTableScript.ALL) {
      String row = "| " + script.version() + " | `" + script.fileName() + "` |";
      int found = migrations.indexOf(row, at);
      assertTrue(found >= 0, "key-table.md, Migrations, lacks the row " + row + " (after the previous one)");
      at = found;
    }
  }

  @Test
  void liquibaseChangelog_hasOneSqlFilePerScriptInOrder() throws Exception {
    String changelog = changelog();
    List<String> paths = new ArrayList<>();
    Matcher m = Pattern.compile("<sqlFile path=\"\\$\\{colseal\\.scripts\\}/([^\"]+)\"").matcher(changelog);
    while (m.find()) {
      paths.add(m.group(1));
    }
    assertEquals(KeyTableScript.ALL.stream().map(KeyTableScript::fileName).toList(), paths);
    for (DatabaseVendor vendor : DatabaseVendor.values()) {
      assertTrue(changelog.contains("value=\"" + vendor.migrationFolder() + "\""), "no folder for " + vendor);
    }
  }

  @Test
  void keyTableDoc_liquibaseRegion_isTheTestedChangelog() throws Exception {
    assertEquals(region(), DocRegions.read(DocRegions.repositoryRoot().resolve(KEY_TABLE_DOC), CHANGELOG_REGION),
        "regenerate with KeyTableScriptTest.main");
  }

  private static String changelog() throws Exception {
    try (var in = KeyTableScriptTest.class.getResourceAsStream(CHANGELOG)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String region() throws Exception {
    return "```xml\n" + changelog() + "```\n";
  }

  /** Writes the tested Liquibase changelog into {@code docs/reference/key-table.md}. */
  public static void main(String[] args) throws Exception {
    DocRegions.write(DocRegions.repositoryRoot().resolve(KEY_TABLE_DOC), CHANGELOG_REGION, region());
  }
}
