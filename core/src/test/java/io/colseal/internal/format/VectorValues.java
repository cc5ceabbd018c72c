package io.colseal.internal.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The portable (language-neutral) text form of values in the test vectors, and the Java type behind
 * each {@code java_type} label. The forms are listed in the vectors file itself under {@code
 * value_forms}.
 */
final class VectorValues {
  /** The enum of the vectors: {@code java_type} "enum" with these constants. */
  enum Tier {
    BRONZE,
    SILVER,
    GOLD
  }

  static final Map<String, String> FORMS = new LinkedHashMap<>();

  static {
    FORMS.put("String", "the string itself");
    FORMS.put("byte[]", "lower-case hex");
    FORMS.put("Integer", "decimal");
    FORMS.put("Long", "decimal");
    FORMS.put("Boolean", "true or false");
    FORMS.put("BigDecimal", "Java BigDecimal.toString(); the scale is significant: 1234.50 has unscaled value"
        + " 123450 and scale 2, 1E+3 has unscaled value 1 and scale -3");
    FORMS.put("LocalDate", "ISO 8601 yyyy-mm-dd, proleptic Gregorian; years beyond 9999 or before 0000 carry a sign"
        + " (+999999999-12-31)");
    FORMS.put("LocalDateTime", "date as for LocalDate, then Thh:mm:ss and always 9 fraction digits");
    FORMS.put("Instant", "UTC date-time as for LocalDateTime, followed by Z");
    FORMS.put("UUID", "canonical lower-case 8-4-4-4-12 hex");
    FORMS.put("enum", "the constant name; the vector lists the enum's constants in enum_constants");
  }

  private VectorValues() {}

  static Class<?> javaClass(String label) {
    return switch (label) {
      case "String" -> String.class;
      case "byte[]" -> byte[].class;
      case "Integer" -> Integer.class;
      case "Long" -> Long.class;
      case "Boolean" -> Boolean.class;
      case "BigDecimal" -> BigDecimal.class;
      case "LocalDate" -> LocalDate.class;
      case "LocalDateTime" -> LocalDateTime.class;
      case "Instant" -> Instant.class;
      case "UUID" -> UUID.class;
      case "enum" -> Tier.class;
      default -> throw new IllegalArgumentException("unknown java_type " + label);
    };
  }

  static String label(Class<?> type) {
    if (type.isEnum()) {
      return "enum";
    }
    return type == byte[].class ? "byte[]" : type.getSimpleName();
  }

  static String portable(Object value) {
    if (value instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (value instanceof LocalDateTime t) {
      return dateTime(t);
    }
    if (value instanceof Instant i) {
      return dateTime(LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC)) + 'Z';
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString(); // String, numbers, Boolean, BigDecimal, LocalDate, UUID
  }

  private static String dateTime(LocalDateTime t) {
    return t.toLocalDate() + String.format("T%02d:%02d:%02d.%09d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
  }

  static Object fromPortable(String label, String value) {
    return switch (label) {
      case "String" -> value;
      case "byte[]" -> HexFormat.of().parseHex(value);
      case "Integer" -> Integer.valueOf(value);
      case "Long" -> Long.valueOf(value);
      case "Boolean" -> Boolean.valueOf(value);
      case "BigDecimal" -> new BigDecimal(value);
      case "LocalDate" -> LocalDate.parse(value);
      case "LocalDateTime" -> LocalDateTime.parse(value);
      case "Instant" -> LocalDateTime.parse(value.substring(0, value.length() - 1)).toInstant(ZoneOffset.UTC);
      case "UUID" -> UUID.fromString(value);
      case "enum" -> Tier.valueOf(value);
      default -> throw new IllegalArgumentException("unknown java_type " + label);
    };
  }
}
