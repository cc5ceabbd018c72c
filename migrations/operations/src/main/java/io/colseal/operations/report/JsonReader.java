package io.colseal.operations.report;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link JsonWriter} writes back into records: objects into records (every component
 * must be present, no other member may be), and into maps with string or integer keys; arrays into
 * lists; strings into strings, enums, {@link Instant}, {@link LocalDate} and {@link Duration};
 * numbers into {@code int}, {@code long}, {@code double} and their boxes; {@code null} into any
 * reference type. Strict RFC 8259 syntax; anything else is an {@link IllegalArgumentException}
 * naming the path ({@code $.deks[2].version}) and never quoting a value.
 *
 * <p>A document read and written again need not be the same bytes (whitespace, escapes); {@code
 * colseal audit verify} relies on that comparison to reject any edit.
 */
public final class JsonReader {
  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /** {@code json} as a {@code type}. */
  public static <T> T read(String json, Class<T> type) {
    JsonReader r = new JsonReader(json);
    r.skipSpace();
    Object tree = r.value();
    r.skipSpace();
    if (r.pos != json.length()) {
      throw r.syntax("text after the document");
    }
    return type.cast(bind(tree, type, "$"));
  }

  // ---- syntax: into String, BigDecimal, Boolean, null, List, LinkedHashMap ----

  /** Deeper than any report colseal writes (about 6 levels); a hostile file cannot exhaust the stack. */
  private static final int MAX_DEPTH = 64;
  private int depth;

  private @Nullable Object value() {
    if (pos >= text.length()) {
      throw syntax("unexpected end");
    }
    char c = text.charAt(pos);
    if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
      throw syntax("nested deeper than " + MAX_DEPTH + " levels");
    }
    return switch (c) {
      case '{' -> nested(this::object);
      case '[' -> nested(this::array);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private <T> T nested(java.util.function.Supplier<T> container) {
    depth++;
    try {
      return container.get();
    } finally {
      depth--;
    }
  }

  private Map<String, @Nullable Object> object() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw syntax("expected a member name");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (m.containsKey(key)) {
        throw syntax("duplicate member");
      }
      m.put(key, value());
      skipSpace();
      char c = next();
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw syntax("expected , or }");
      }
    }
  }

  private List<@Nullable Object> array() {
    List<@Nullable Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value());
      skipSpace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw syntax("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw syntax("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw syntax("short \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw syntax("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw syntax("bad escape");
      }
    }
  }

  private BigDecimal number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek()) ) {
      while (isDigit(peek())) {
        pos++;
      }
    } else {
      throw syntax("unexpected character");
    }
    if (peek() == '.') {
      pos++;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits();
    }
    return new BigDecimal(text.substring(start, pos));
  }

  private void requireDigits() {
    if (!isDigit(peek())) {
      throw syntax("expected a digit");
    }
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    if (!text.startsWith(word, pos)) {
      throw syntax("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw syntax("unexpected end");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw syntax("expected " + c);
    }
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException syntax(String what) {
    return new IllegalArgumentException("JSON syntax error at offset " + pos + ": " + what);
  }

  // ---- binding ----

  private static @Nullable Object bind(@Nullable Object v, Type type, String path) {
    Class<?> raw = raw(type);
    if (v == null) {
      if (raw.isPrimitive()) {
        throw new IllegalArgumentException(path + ": null where a number or boolean is required");
      }
      return null;
    }
    if (raw == String.class) {
      return as(v, String.class, path);
    }
    if (raw == int.class || raw == Integer.class) {
      return exact(() -> as(v, BigDecimal.class, path).intValueExact(), path);
    }
    if (raw == long.class || raw == Long.class) {
      return exact(() -> as(v, BigDecimal.class, path).longValueExact(), path);
    }
    if (raw == double.class || raw == Double.class) {
      return as(v, BigDecimal.class, path).doubleValue();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return as(v, Boolean.class, path);
    }
    try {
      if (raw == Instant.class) {
        return Instant.parse(as(v, String.class, path));
      }
      if (raw == Duration.class) {
        return Duration.parse(as(v, String.class, path));
      }
      if (raw == LocalDate.class) {
        return LocalDate.parse(as(v, String.class, path));
      }
      if (raw.isEnum()) {
        return enumValue(raw, as(v, String.class, path));
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(path + ": not a " + raw.getSimpleName());
    }
    if (List.class.isAssignableFrom(raw)) {
      List<?> items = as(v, List.class, path);
      Type item = argument(type, 0);
      List<@Nullable Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(bind(items.get(i), item, path + "[" + i + "]"));
      }
      return out;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Map<?, ?> members = as(v, Map.class, path);
      Class<?> keyType = raw(argument(type, 0));
      Type valueType = argument(type, 1);
      Map<Object, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : members.entrySet()) {
        String key = (String) e.getKey();
        Object k;
        try {
          k = keyType == Integer.class ? Integer.valueOf(key) : keyType == Long.class ? Long.valueOf(key) : key;
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException(path + ": a member name is not an integer");
        }
        out.put(k, bind(e.getValue(), valueType, path + "." + key));
      }
      return out;
    }
    if (raw.isRecord()) {
      return record(as(v, Map.class, path), raw, path);
    }
    throw new IllegalArgumentException(path + ": cannot read a " + raw.getName());
  }

  private static Object record(Map<?, ?> members, Class<?> type, String path) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      if (!members.containsKey(c.getName())) {
        throw new IllegalArgumentException(path + ": member " + c.getName() + " is missing");
      }
      args[i] = bind(members.get(c.getName()), c.getGenericType(), path + "." + c.getName());
      types[i] = c.getType();
    }
    if (members.size() != components.length) {
      throw new IllegalArgumentException(path + ": members that " + type.getSimpleName() + " does not have");
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(path + ": " + type.getSimpleName() + " refuses these values", e.getCause());
    }
  }

  /**
   * An int or long of the JSON number: {@code intValueExact}/{@code longValueExact} refuse a fraction or
   * an out-of-range value at once, even {@code 1e30000000}, which {@code toBigIntegerExact} would expand.
   */
  private static <T> T exact(java.util.function.Supplier<T> value, String path) {
    try {
      return value.get();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(path + ": not an integer in range");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  private static <T> T as(Object v, Class<T> type, String path) {
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException(path + ": expected " + type.getSimpleName() + ", found "
          + v.getClass().getSimpleName());
    }
    return type.cast(v);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }

  private static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[index];
      if (arg instanceof java.lang.reflect.WildcardType w) {
        return w.getUpperBounds()[0];
      }
      return arg;
    }
    throw new IllegalArgumentException("raw collection type " + type);
  }
}
