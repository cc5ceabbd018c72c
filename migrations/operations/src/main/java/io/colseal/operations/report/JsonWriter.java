package io.colseal.operations.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes one JSON document (RFC 8259) with two-space indentation. Understands records (their
 * components, in declaration order, become members), maps with string keys, collections, strings,
 * numbers, booleans, enums (their name), {@link Instant}, {@link java.time.LocalDate} and {@link
 * Duration} (ISO-8601), maps with integer keys (written as their decimal string),
 * {@link Optional} and null.
 *
 * <p>Strings are escaped completely: quote, backslash, every control character below U+0020, the
 * JavaScript line separators U+2028/U+2029, and unpaired surrogates (as {@code \\uXXXX}, so the
 * output is always well-formed UTF-8).
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private final boolean compact;

  private JsonWriter(boolean compact) {
    this.compact = compact;
  }

  /** The document for {@code value}, ending with a newline. */
  public static String write(@Nullable Object value) {
    JsonWriter w = new JsonWriter(false);
    w.value(value, 0);
    return w.out.append('\n').toString();
  }

  /** The document for {@code value} on one line, ending with a newline: one line of JSON lines. */
  public static String writeLine(@Nullable Object value) {
    JsonWriter w = new JsonWriter(true);
    w.value(value, 0);
    return w.out.append('\n').toString();
  }

  /** {@code s} as a JSON string literal, quotes included. */
  public static String quote(String s) {
    JsonWriter w = new JsonWriter(true);
    w.string(s);
    return w.out.toString();
  }

  private void value(@Nullable Object v, int depth) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Optional<?> o) {
      value(o.orElse(null), depth);
    } else if (v instanceof CharSequence s) {
      string(s.toString());
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
      out.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        out.append("null");
      } else {
        out.append(v);
      }
    } else if (v instanceof Enum<?> e) {
      string(e.name());
    } else if (v instanceof Instant || v instanceof Duration || v instanceof java.time.LocalDate) {
      string(v.toString());
    } else if (v instanceof Map<?, ?> m) {
      object(m, depth);
    } else if (v instanceof Collection<?> c) {
      array(c, depth);
    } else if (v instanceof Record r) {
      record(r, depth);
    } else {
      throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }
  }

  private void record(Record r, int depth) {
    Map<String, @Nullable Object> members = new java.util.LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        members.put(c.getName(), c.getAccessor().invoke(r));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
      }
    }
    object(members, depth);
  }

  private void object(Map<?, ?> m, int depth) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append(compact ? "{" : "{\n");
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object k = e.getKey();
      if (k instanceof Integer || k instanceof Long) {
        k = k.toString();
      }
      if (!(k instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
      }
      if (!first) {
        out.append(compact ? "," : ",\n");
      }
      first = false;
      indent(depth + 1);
      string(key);
      out.append(compact ? ":" : ": ");
      value(e.getValue(), depth + 1);
    }
    newline();
    indent(depth);
    out.append('}');
  }

  private void array(Collection<?> c, int depth) {
    if (c.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append(compact ? "[" : "[\n");
    boolean first = true;
    for (Object item : c) {
      if (!first) {
        out.append(compact ? "," : ",\n");
      }
      first = false;
      indent(depth + 1);
      value(item, depth + 1);
    }
    newline();
    indent(depth);
    out.append(']');
  }

  private void indent(int depth) {
    if (!compact) {
      out.append("  ".repeat(depth));
    }
  }

  private void newline() {
    if (!compact) {
      out.append('\n');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
            unicodeEscape(ch);
          } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(ch).append(s.charAt(++i));
          } else if (Character.isSurrogate(ch)) {
            unicodeEscape(ch);
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }

  private void unicodeEscape(char ch) {
    out.append(String.format("\\u%04x", (int) ch));
  }
}
