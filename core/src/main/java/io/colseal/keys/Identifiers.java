package io.colseal.keys;

import java.util.Locale;

/**
 * Normalises table and column names before they are bound into associated data and key-table
 * rows: surrounding quotes ({@code "x"}, {@code `x`}, {@code [x]}) and any schema or catalog
 * qualifier are removed, and the result is lower-cased with {@link Locale#ROOT}. So {@code
 * "Customers"}, {@code public.customers} and {@code CUSTOMERS} all name the table {@code
 * customers}.
 */
public final class Identifiers {
  /** Longest accepted name, in characters. */
  public static final int MAX_LENGTH = 128;

  private Identifiers() {}

  /** Normalises {@code name}; throws {@link IllegalArgumentException} naming the problem. */
  public static String normalize(String name) {
    String s = name.trim();
    int dot = lastUnquotedDot(s);
    if (dot >= 0) {
      s = s.substring(dot + 1);
    }
    s = unquote(s).toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("identifier is empty: '" + name + "'");
    }
    if (s.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("identifier longer than " + MAX_LENGTH + " characters: '" + name + "'");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new IllegalArgumentException("identifier contains a control character: '" + name + "'");
      }
    }
    return s;
  }

  private static String unquote(String s) {
    if (s.length() >= 2) {
      char first = s.charAt(0);
      char last = s.charAt(s.length() - 1);
      if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  private static int lastUnquotedDot(String s) {
    boolean quoted = false;
    int dot = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '`') {
        quoted = !quoted;
      } else if (c == '[') {
        quoted = true;
      } else if (c == ']') {
        quoted = false;
      } else if (c == '.' && !quoted) {
        dot = i;
      }
    }
    return dot;
  }
}
