package io.colseal.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON (RFC 8259) for test vectors, so the tests need no JSON library. Objects parse to
 * {@link LinkedHashMap} (member order kept), arrays to {@link List}, numbers to {@link Long} when
 * integral and {@link BigDecimal} otherwise. {@link #write} prints maps, lists, strings, numbers,
 * booleans and null with two-space indentation; arrays of scalars stay on one line.
 */
public final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value; throws {@link IllegalArgumentException} with the offset on bad input. */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.i != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  private Object value() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    i++;
    skipSpace();
    if (peek('}')) {
      i++;
      return out;
    }
    while (true) {
      skipSpace();
      if (!peek('"')) {
        throw error("expected a member name");
      }
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (out.put(name, value()) != null) {
        throw error("duplicate member " + name);
      }
      skipSpace();
      if (peek(',')) {
        i++;
      } else {
        expect('}');
        return out;
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    i++;
    skipSpace();
    if (peek(']')) {
      i++;
      return out;
    }
    while (true) {
      skipSpace();
      out.add(value());
      skipSpace();
      if (peek(',')) {
        i++;
      } else {
        expect(']');
        return out;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String n = s.substring(start, i);
    if (n.isEmpty()) {
      throw error("unexpected character '" + s.charAt(start) + "'");
    }
    BigDecimal d = new BigDecimal(n);
    if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
      return d.longValueExact();
    }
    return d;
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) {
      throw error("expected " + word);
    }
    i += word.length();
    return value;
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private void skipSpace() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + i);
  }

  /** Serialises {@code value} followed by a newline. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, "");
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object value, String indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      String inner = indent + "  ";
      int n = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(inner);
        quote(sb, (String) e.getKey());
        sb.append(": ");
        write(sb, e.getValue(), inner);
        sb.append(++n < map.size() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (value instanceof List<?> list) {
      boolean scalars = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
      if (scalars) {
        sb.append('[');
        for (int k = 0; k < list.size(); k++) {
          write(sb, list.get(k), indent);
          if (k + 1 < list.size()) {
            sb.append(", ");
          }
        }
        sb.append(']');
        return;
      }
      sb.append("[\n");
      String inner = indent + "  ";
      for (int k = 0; k < list.size(); k++) {
        sb.append(inner);
        write(sb, list.get(k), inner);
        sb.append(k + 1 < list.size() ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else if (value instanceof String str) {
      quote(sb, str);
    } else if (value == null) {
      sb.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      sb.append(value);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  private static void quote(StringBuilder sb, String str) {
    sb.append('"');
    for (int k = 0; k < str.length(); k++) {
      char c = str.charAt(k);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
