package io.colseal.mybatis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a statement's SQL as far as finding its parameter markers and what surrounds them
 * needs: words, quoted identifiers, string literals, markers ({@code ?}) and operators. Comments
 * and white space are dropped. Not a parser: it knows no grammar, only where a {@code ?} is not a
 * marker (inside a literal, a quoted identifier or a comment, or PostgreSQL's escaped {@code ??}).
 */
final class SqlTokens {
  enum Kind { WORD, QUOTED, STRING, MARKER, OPERATOR }

  record Token(Kind kind, String text, int start, int end) {
    boolean is(String s) {
      return kind != Kind.STRING && kind != Kind.QUOTED && text.equalsIgnoreCase(s);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private SqlTokens() {}

  /** The tokens of {@code sql}; an unterminated literal, identifier or comment runs to the end. */
  static List<Token> of(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = lineEnd(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'') {
        i = quoted(sql, i, '\'');
        out.add(new Token(Kind.STRING, sql.substring(start, i), start, i));
      } else if (c == '"' || c == '`') {
        i = quoted(sql, i, c);
        out.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
      } else if (c == '?') {
        if (i + 1 < n && sql.charAt(i + 1) == '?') {
          i += 2;
          out.add(new Token(Kind.OPERATOR, "??", start, i));
        } else {
          i++;
          out.add(new Token(Kind.MARKER, "?", start, i));
        }
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
      } else {
        String two = i + 1 < n ? sql.substring(i, i + 2) : "";
        i += switch (two) {
          case "<>", "!=", "<=", ">=", ":=", "::", "||" -> 2;
          default -> 1;
        };
        out.add(new Token(Kind.OPERATOR, sql.substring(start, i), start, i));
      }
    }
    return out;
  }

  private static int lineEnd(String sql, int i) {
    int nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length() : nl + 1;
  }

  /** The end of the literal or identifier opened at {@code i}; a doubled quote stands for itself. */
  private static int quoted(String sql, int i, char quote) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }
}
