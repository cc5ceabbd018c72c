package io.colseal.mybatis;

import static io.colseal.mybatis.SearchableSql.Context.ASSIGNMENT;
import static io.colseal.mybatis.SearchableSql.Context.EQUAL;
import static io.colseal.mybatis.SearchableSql.Context.IN_LIST;
import static io.colseal.mybatis.SearchableSql.Context.NOT_EQUAL;
import static io.colseal.mybatis.SearchableSql.Context.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.mybatis.model.CustomerColumns;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parameter markers of a statement are comparisons that must cover every key version. */
class SearchableSqlTest {
  private static final CustomerColumns.Email EMAIL = new CustomerColumns.Email();

  private static List<SearchableSql.Context> contexts(String sql) {
    List<SqlTokens.Token> tokens = SqlTokens.of(sql);
    List<SearchableSql.Context> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == SqlTokens.Kind.MARKER) {
        out.add(SearchableSql.context(tokens, i, "test.statement", EMAIL));
      }
    }
    return out;
  }

  @Test
  void context_whereEquals_isAComparison() {
    assertEquals(List.of(EQUAL), contexts("SELECT * FROM customers WHERE email = ?"));
    assertEquals(List.of(EQUAL, EQUAL), contexts("SELECT * FROM customers WHERE id = 1 AND email=? OR id = ?"));
    assertEquals(List.of(EQUAL), contexts("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE email = ?)"));
    assertEquals(List.of(EQUAL), contexts("SELECT CASE WHEN email = ? THEN 1 END FROM customers"));
    assertEquals(List.of(EQUAL), contexts("DELETE FROM customers WHERE email = ?"));
  }

  @Test
  void context_setAndOnDuplicateKeyUpdate_areAssignments() {
    assertEquals(List.of(ASSIGNMENT, EQUAL), contexts("UPDATE customers SET email = ? WHERE email = ?"));
    assertEquals(List.of(ASSIGNMENT), contexts("UPDATE customers c SET c.name = 'x', c.email = ? WHERE c.id = 1"));
    assertEquals(List.of(OTHER, ASSIGNMENT),
        contexts("INSERT INTO customers (email) VALUES (?) ON DUPLICATE KEY UPDATE email = ?"));
    assertEquals(List.of(OTHER, ASSIGNMENT),
        contexts("INSERT INTO customers (email) VALUES (?) ON CONFLICT (id) DO UPDATE SET email = ?"));
  }

  @Test
  void context_comparisonInParenthesesInsideSet_isAComparison() {
    assertEquals(List.of(EQUAL), contexts("UPDATE customers SET flag = (email = ?) WHERE id = 1"));
  }

  @Test
  void context_notEqualAndInList() {
    assertEquals(List.of(NOT_EQUAL, NOT_EQUAL), contexts("SELECT 1 FROM t WHERE email <> ? AND email != ?"));
    assertEquals(List.of(IN_LIST, IN_LIST, IN_LIST), contexts("SELECT 1 FROM t WHERE email IN (?, ?,?)"));
    assertEquals(List.of(IN_LIST), contexts("SELECT 1 FROM t WHERE email NOT IN ( ? )"));
    assertEquals(List.of(OTHER, OTHER), contexts("INSERT INTO t (a, b) VALUES (?, ?)"));
    assertEquals(List.of(OTHER, OTHER, OTHER), contexts("INSERT INTO t (a, b) VALUES (?, 1), (?, ?)"));
  }

  @Test
  void tokens_markersInLiteralsQuotedNamesAndComments_areNotMarkers() {
    assertEquals(List.of(EQUAL), contexts("SELECT '?', \"a?\", `b?` /* ? */ FROM t -- ?\n WHERE email = ?"));
    assertEquals(List.of(EQUAL), contexts("SELECT 'it''s ?' FROM t WHERE data ?? 'k' AND email = ?"));
  }

  @Test
  void context_orderPatternAndRangeComparisons_areRejected() {
    for (String sql : List.of("SELECT 1 FROM t WHERE email LIKE ?", "SELECT 1 FROM t WHERE email > ?",
        "SELECT 1 FROM t WHERE email <= ?", "SELECT 1 FROM t WHERE email BETWEEN ? AND 'z'")) {
      ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class, () -> contexts(sql), sql);
      assertEquals(ErrorCode.QUERY_REJECTED, e.code());
      assertTrue(e.getMessage().contains("test.statement") && e.getMessage().contains("customers.email"),
          e.getMessage());
    }
  }

  /** Before, these bound the ACTIVE version's envelope only and found nothing under older versions. */
  @Test
  void context_functionArgumentsAndOtherOperators_areRejected() {
    for (String sql : List.of("SELECT 1 FROM t WHERE email = LOWER(?)", "SELECT 1 FROM t WHERE email = TRIM(BOTH FROM ?)",
        "SELECT 1 FROM t WHERE email = COALESCE(NULL, ?)", "SELECT 1 FROM t WHERE email = ? || 'x'",
        "INSERT INTO t (email) VALUES (UPPER(?))")) {
      ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class, () -> contexts(sql), sql);
      assertEquals(ErrorCode.QUERY_REJECTED, e.code());
      assertTrue(e.getMessage().contains("customers.email"), e.getMessage());
    }
  }

  @Test
  void context_parameterLeftOfTheColumn_isRejected() {
    ColsealMyBatisException e = assertThrows(ColsealMyBatisException.class,
        () -> contexts("SELECT 1 FROM t WHERE ? = email"));
    assertTrue(e.getMessage().contains("left of the column"), e.getMessage());
    assertThrows(ColsealMyBatisException.class, () -> contexts("SELECT 1 FROM t WHERE (? <> email)"));
  }
}
