package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.jdbc.DatabaseVendor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatementSplitterTest {
  @Test
  void split_twoStatements_returnsBothTrimmed() {
    assertEquals(List.of("CREATE TABLE a (x INT)", "DROP TABLE b"),
        StatementSplitter.split("  CREATE TABLE a (x INT);\n\nDROP TABLE b;\n"));
  }

  @Test
  void split_lastStatementWithoutSemicolon_isKept() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), StatementSplitter.split("SELECT 1;\nSELECT 2\n"));
  }

  @Test
  void split_semicolonInLineComment_endsNothing() {
    assertEquals(List.of("CREATE TABLE a (\n    \n    x INT\n)"),
        StatementSplitter.split("-- a comment; still a comment\nCREATE TABLE a (\n    -- column x; the only one\n    x INT\n);"));
  }

  @Test
  void split_semicolonAndDashesInLiterals_areText() {
    assertEquals(List.of("INSERT INTO t VALUES ('a;b', '--c', \"x;y\", `p;q`)"),
        StatementSplitter.split("INSERT INTO t VALUES ('a;b', '--c', \"x;y\", `p;q`);"));
  }

  @Test
  void split_doubledQuote_staysInsideLiteral() {
    assertEquals(List.of("SELECT 'it''s; fine'", "SELECT 2"), StatementSplitter.split("SELECT 'it''s; fine'; SELECT 2;"));
  }

  @Test
  void split_blankAndCommentOnlyStatements_areSkipped() {
    assertEquals(List.of(), StatementSplitter.split(";;  ;\n-- only a comment\n;\n-- another"));
    assertEquals(List.of("SELECT 1"), StatementSplitter.split("\uFEFF;SELECT 1;;"));
  }

  @Test
  void split_blockComment_throwsNamingLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatementSplitter.split("SELECT 1;\r\nSELECT 2;\n/* no */ SELECT 3;"));
    assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
  }

  @Test
  void split_dollarQuoting_throws() {
    assertThrows(IllegalArgumentException.class, () -> StatementSplitter.split("DO $$ BEGIN NULL; END $$;"));
  }

  @Test
  void split_backslashInStringLiteral_throws() {
    assertThrows(IllegalArgumentException.class, () -> StatementSplitter.split("SELECT 'a\\';'"));
  }

  @Test
  void split_unterminatedQuote_throwsNamingLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatementSplitter.split("SELECT 1;\nSELECT 'open;\n"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(DatabaseVendor.class)
  void split_everyShippedScript_givesDdlStatementsWithoutComments(DatabaseVendor vendor) {
    for (KeyTableScript script : KeyTableScript.ALL) {
      for (String statement : StatementSplitter.split(script.text(vendor))) {
        assertTrue(statement.startsWith("CREATE ") || statement.startsWith("ALTER "), script.resource(vendor) + ": " + statement);
        assertFalse(statement.contains("--") || statement.contains(";"), script.resource(vendor) + ": " + statement);
      }
    }
  }

  @Test
  void split_keyTableScriptOfH2_givesOneStatementPerSemicolon() {
    KeyTableScript v02 = KeyTableScript.ALL.get(1);
    List<String> statements = StatementSplitter.split(v02.text(DatabaseVendor.H2));
    assertEquals(3, statements.size(), statements.toString());
    assertEquals("ALTER TABLE colseal_data_key DROP CONSTRAINT colseal_data_key_state_ck", statements.get(0));
  }
}
