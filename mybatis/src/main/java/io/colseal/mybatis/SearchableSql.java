package io.colseal.mybatis;

import io.colseal.EncryptionMode;
import io.colseal.exception.ErrorCode;
import io.colseal.mybatis.SqlTokens.Kind;
import io.colseal.mybatis.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.ParameterMode;
import org.apache.ibatis.session.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Equality search on deterministic columns across key versions. A deterministic value has a
 * different envelope under each key version, so a parameter compared with such a column stands
 * for one envelope per version rows may still be under ({@link io.colseal.ColumnCipher#searchVersions()}):
 *
 * <pre>
 * email = ?          becomes  email IN (?, ?)       one marker per live key version
 * email &lt;&gt; ?         becomes  email NOT IN (?, ?)
 * email IN (?, ?)    becomes  email IN (?, ?, ?, ?)
 * </pre>
 *
 * <p>Only the markers of parameters whose handler is a deterministic {@link EncryptedTypeHandler}
 * change; {@code SET email = ?} (an assignment in {@code UPDATE ... SET}, {@code ON DUPLICATE KEY
 * UPDATE}, {@code DO UPDATE SET}) and {@code VALUES (?)} keep one marker, bound to the ACTIVE
 * version. An order or pattern comparison ({@code <}, {@code >=}, {@code LIKE}, {@code BETWEEN}),
 * a parameter written left of the column ({@code ? = email}), a function's argument ({@code
 * LOWER(?)}) and an operand of another operator ({@code ? || 'x'}) are rejected with {@link
 * ErrorCode#QUERY_REJECTED}: their answer would be wrong, silently. With one live version the SQL is
 * left as it is.
 */
final class SearchableSql {
  enum Context { EQUAL, NOT_EQUAL, IN_LIST, ASSIGNMENT, OTHER }

  private static final Set<String> CLAUSES = Set.of("WHERE", "ON", "HAVING", "WHEN", "AND", "OR", "NOT", "SELECT",
      "JOIN", "THEN", "ELSE", "CASE", "FROM", "USING", "RETURNING", "VALUES", "IN", "BY", "LIMIT", "IS", "EXISTS");

  private SearchableSql() {}

  /** Whether {@code bound} has a parameter of a deterministic encrypted column. */
  static boolean hasSearchableParameter(BoundSql bound) {
    for (ParameterMapping pm : bound.getParameterMappings()) {
      if (deterministic(pm) != null) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable EncryptedTypeHandler<?> deterministic(ParameterMapping pm) {
    return pm.getMode() != ParameterMode.OUT && pm.getTypeHandler() instanceof EncryptedTypeHandler<?> h
        && h.mode() == EncryptionMode.DETERMINISTIC ? h : null;
  }

  /**
   * {@code bound} with each deterministic comparison expanded to the column's live key versions;
   * {@code bound} itself if there is nothing to expand.
   *
   * @throws ColsealMyBatisException ({@link ErrorCode#QUERY_REJECTED}) naming the statement and
   *     column for a comparison that cannot be answered across versions
   */
  static BoundSql rewrite(Configuration configuration, String statementId, BoundSql bound) {
    if (!hasSearchableParameter(bound)) {
      return bound;
    }
    String sql = bound.getSql();
    List<Token> tokens = SqlTokens.of(sql);
    List<ParameterMapping> mappings = bound.getParameterMappings();
    List<Integer> markers = markers(tokens, statementId, mappings.size());
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<ParameterMapping> expanded = new ArrayList<>(mappings.size() + 4);
    int copied = 0;
    for (int k = 0; k < mappings.size(); k++) {
      ParameterMapping pm = mappings.get(k);
      EncryptedTypeHandler<?> h = deterministic(pm);
      if (h == null) {
        expanded.add(pm);
        continue;
      }
      int mi = markers.get(k);
      Context context = context(tokens, mi, statementId, h);
      int[] versions = context == Context.ASSIGNMENT || context == Context.OTHER ? new int[0]
          : h.cipher().searchVersions();
      if (versions.length <= 1) {
        expanded.add(pm);
        continue;
      }
      SearchTerm term = new SearchTerm();
      for (int v : versions) {
        expanded.add(copy(configuration, pm, versioned(h, v, term)));
      }
      Token marker = tokens.get(mi);
      String list = "?" + ", ?".repeat(versions.length - 1);
      if (context == Context.IN_LIST) {
        out.append(sql, copied, marker.start()).append(list);
      } else {
        Token operator = tokens.get(mi - 1);
        out.append(sql, copied, operator.start()).append(context == Context.EQUAL ? "IN (" : "NOT IN (").append(list)
            .append(')');
      }
      copied = marker.end();
    }
    if (copied == 0) {
      return bound;
    }
    out.append(sql, copied, sql.length());
    BoundSql rewritten = new BoundSql(configuration, out.toString(), expanded, bound.getParameterObject());
    rewritten.getAdditionalParameters().putAll(bound.getAdditionalParameters());
    return rewritten;
  }

  /**
   * Checks the comparisons of deterministic columns in {@code bound} without binding anything: what
   * {@link #rewrite} would reject, it rejects.
   */
  static void check(String statementId, BoundSql bound) {
    if (!hasSearchableParameter(bound)) {
      return;
    }
    List<Token> tokens = SqlTokens.of(bound.getSql());
    List<Integer> markers = markers(tokens, statementId, bound.getParameterMappings().size());
    List<ParameterMapping> mappings = bound.getParameterMappings();
    for (int k = 0; k < mappings.size(); k++) {
      EncryptedTypeHandler<?> h = deterministic(mappings.get(k));
      if (h != null) {
        context(tokens, markers.get(k), statementId, h);
      }
    }
  }

  private static List<Integer> markers(List<Token> tokens, String statementId, int parameters) {
    List<Integer> markers = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.MARKER) {
        markers.add(i);
      }
    }
    if (markers.size() != parameters) {
      throw new ColsealMyBatisException(ErrorCode.QUERY_REJECTED, "statement " + statementId + " has "
          + markers.size() + " parameter markers for " + parameters + " parameters; colseal cannot tell which"
          + " marker a deterministic column's parameter is");
    }
    return markers;
  }

  private static <T> VersionedSearchHandler<T> versioned(EncryptedTypeHandler<T> h, int version, SearchTerm term) {
    return new VersionedSearchHandler<>(h, version, term);
  }

  private static ParameterMapping copy(Configuration configuration, ParameterMapping pm,
      VersionedSearchHandler<?> handler) {
    return new ParameterMapping.Builder(configuration, pm.getProperty(), handler).mode(pm.getMode())
        .javaType(pm.getJavaType()).jdbcType(pm.getJdbcType()).numericScale(pm.getNumericScale())
        .resultMapId(pm.getResultMapId()).jdbcTypeName(pm.getJdbcTypeName()).expression(pm.getExpression()).build();
  }

  /**
   * What the marker at {@code tokens[mi]} is compared with or assigned to.
   *
   * @throws ColsealMyBatisException for an order or pattern comparison, or a parameter left of
   *     the column
   */
  static Context context(List<Token> tokens, int mi, String statementId, EncryptedTypeHandler<?> h) {
    @Nullable Token prev = mi > 0 ? tokens.get(mi - 1) : null;
    @Nullable Token next = mi + 1 < tokens.size() ? tokens.get(mi + 1) : null;
    @Nullable Token opener = openerOf(tokens, mi - 1);
    if (opener != null && opener.kind() == Kind.WORD && !opener.is("VALUES") && !CLAUSES.contains(opener.upper())) {
      throw rejected(statementId, h, "an argument of " + opener.text() + "(...), which would be applied to the"
          + " envelope or compared under the ACTIVE key version only");
    }
    if (next != null && next.kind() == Kind.OPERATOR && !isComparison(next)
        && !Set.of(")", ",", ";", "::").contains(next.text())) {
      throw rejected(statementId, h, "an expression (? " + next.text() + " ...), which would be computed on the"
          + " envelope of the ACTIVE key version only");
    }
    if (prev != null && prev.kind() == Kind.OPERATOR) {
      switch (prev.text()) {
        case "=":
          return assignment(tokens, mi - 1) ? Context.ASSIGNMENT : Context.EQUAL;
        case "<>", "!=":
          return Context.NOT_EQUAL;
        case "<", ">", "<=", ">=":
          throw rejected(statementId, h, "an order comparison (" + prev.text() + ")");
        case "(", ",":
          if (next != null && isComparison(next)) {
            throw rejected(statementId, h, "the parameter written left of the column (? " + next.text() + " column)");
          }
          return opener != null && opener.is("IN") ? Context.IN_LIST : Context.OTHER;
        default:
          throw rejected(statementId, h, "an expression (" + prev.text() + " ?), which would be computed on the"
              + " envelope of the ACTIVE key version only");
      }
    }
    if (prev != null && (prev.is("LIKE") || prev.is("ILIKE") || prev.is("BETWEEN"))) {
      throw rejected(statementId, h, "a pattern or range comparison (" + prev.upper() + ")");
    }
    if (next != null && isComparison(next)) {
      throw rejected(statementId, h, "the parameter written left of the column (? " + next.text() + " column)");
    }
    return Context.OTHER;
  }

  private static boolean isComparison(Token t) {
    return t.kind() == Kind.OPERATOR && Set.of("=", "<>", "!=").contains(t.text());
  }

  /** Whether the {@code =} at {@code eq} assigns: the nearest clause word before it is SET or UPDATE. */
  private static boolean assignment(List<Token> tokens, int eq) {
    int depth = 0;
    for (int j = eq - 1; j >= 0; j--) {
      Token t = tokens.get(j);
      if (t.kind() == Kind.OPERATOR && t.text().equals(")")) {
        depth++;
      } else if (t.kind() == Kind.OPERATOR && t.text().equals("(")) {
        if (depth == 0) {
          return false; // inside parentheses: an expression, never an assignment target
        }
        depth--;
      } else if (depth == 0 && t.kind() == Kind.WORD) {
        String w = t.upper();
        if (w.equals("SET") || w.equals("UPDATE")) {
          return true;
        }
        if (CLAUSES.contains(w)) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * The token before the {@code (} that opens the parentheses the {@code (} or {@code ,} at {@code
   * from} is in: {@code IN} for an IN list, {@code VALUES} for a row, a function's name for its
   * arguments; null at the top level or after a {@code (} that opens the statement.
   */
  private static @Nullable Token openerOf(List<Token> tokens, int from) {
    int depth = 0;
    for (int j = from; j >= 0; j--) {
      Token t = tokens.get(j);
      if (t.kind() == Kind.OPERATOR && t.text().equals(")")) {
        depth++;
      } else if (t.kind() == Kind.OPERATOR && t.text().equals("(")) {
        if (depth == 0) {
          return j > 0 ? tokens.get(j - 1) : null;
        }
        depth--;
      }
    }
    return null;
  }

  private static ColsealMyBatisException rejected(String statementId, EncryptedTypeHandler<?> h, String what) {
    return new ColsealMyBatisException(ErrorCode.QUERY_REJECTED, "statement " + statementId + " compares the"
        + " deterministic column " + h.table() + '.' + h.column() + " with " + what + "; only column = #{...},"
        + " column <> #{...} and column IN (...) can be searched across key versions");
  }
}
