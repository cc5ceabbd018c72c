package io.colseal.operations.internal.job;

import io.colseal.operations.report.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A primary-key tuple as the job tables store it: a JSON array of numbers and strings ({@code
 * [7]}, {@code ["acme",12]}). Numbers stay numbers (integral ones come back as {@code Long} or
 * {@code BigInteger}, others as {@code BigDecimal}); every other JDBC value is stored as its text.
 */
public final class KeyTuple {
  private KeyTuple() {}

  public static String encode(List<?> values) {
    StringBuilder s = new StringBuilder("[");
    for (Object v : values) {
      if (s.length() > 1) {
        s.append(',');
      }
      s.append(token(v));
    }
    return s.append(']').toString();
  }

  /** A JDBC key value as stored and reported: a number, or its text. */
  public static Object normalize(@Nullable Object v) {
    if (v == null) {
      throw new IllegalArgumentException("a primary-key value is NULL");
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    return v.toString();
  }

  private static String token(Object v) {
    Object n = normalize(v);
    if (n instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (n instanceof Number) {
      return n.toString();
    }
    return JsonWriter.quote((String) n);
  }

  public static List<Object> decode(String json) {
    Parser p = new Parser(json);
    List<Object> out = p.array();
    p.end();
    return out;
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    List<Object> array() {
      expect('[');
      List<Object> out = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        i++;
        return out;
      }
      while (true) {
        skipSpace();
        out.add(peek() == '"' ? string() : number());
        skipSpace();
        char c = next();
        if (c == ']') {
          return out;
        }
        if (c != ',') {
          throw bad();
        }
      }
    }

    void end() {
      skipSpace();
      if (i != s.length()) {
        throw bad();
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw bad();
            }
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw bad();
        }
      }
    }

    private Object number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String t = s.substring(start, i);
      if (t.isEmpty()) {
        throw bad();
      }
      BigDecimal d = new BigDecimal(t);
      if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
        BigInteger bi = d.toBigIntegerExact();
        return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
      }
      return d;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw bad();
      }
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }

    private void expect(char c) {
      skipSpace();
      if (next() != c) {
        throw bad();
      }
    }

    private IllegalArgumentException bad() {
      return new IllegalArgumentException("malformed key tuple in the job table at offset " + i);
    }
  }
}
