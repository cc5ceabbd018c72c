package io.colseal.internal.keystore;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one of colseal's key-table scripts into statements. The scripts are plain DDL, and this
 * reads only what they use:
 *
 * <ul>
 *   <li>statements end with {@code ;} (the last one may omit it);
 *   <li>{@code --} starts a comment that runs to the end of the line; comments are dropped, so a
 *       {@code ;} inside one ends nothing;
 *   <li>{@code '...'}, {@code "..."} and {@code `...`} are copied as they are, a doubled quote
 *       standing for itself; a {@code ;} or {@code --} inside them is text;
 *   <li>statements that are empty once comments and blanks are gone are skipped; the others are
 *       sent as written, less comments and surrounding blanks.
 * </ul>
 *
 * <p>Anything that needs more than that is refused with an {@link IllegalArgumentException} naming
 * the line, rather than split wrongly: block comments ({@code /* ... *}{@code /}), PostgreSQL
 * dollar quoting ({@code $$}), backslash escapes inside literals (MySQL), and an unterminated
 * quote. There is no {@code DELIMITER} command and no procedural block, so stored procedures,
 * functions and triggers cannot be written in these scripts.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<String> split(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String text = !script.isEmpty() && script.charAt(0) == '\uFEFF' ? script.substring(1) : script;
    int line = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && next == '*') {
        throw new IllegalArgumentException("line " + line + ": block comments are not supported; use --");
      } else if (c == '$' && next == '$') {
        throw new IllegalArgumentException("line " + line + ": dollar quoting is not supported");
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = endOfQuoted(text, i, line);
        String quoted = text.substring(i, end);
        current.append(quoted);
        line += lineBreaks(quoted);
        i = end;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        if (c == '\n' || (c == '\r' && next != '\n')) {
          line++;
        }
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  /** Index just past the quote that closes the one at {@code start}; a doubled quote is text. */
  private static int endOfQuoted(String text, int start, int line) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '\'') {
        throw new IllegalArgumentException("line " + line + ": backslashes in string literals are not supported");
      }
      if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("line " + line + ": unterminated " + quote + " quote");
  }

  private static int lineBreaks(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
