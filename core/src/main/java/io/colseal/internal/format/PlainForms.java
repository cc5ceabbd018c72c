package io.colseal.internal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The plaintext forms of values in a column that is not (or no longer) encrypted: what a plaintext
 * column holds before it is encrypted in place, and what {@code colseal reencrypt --decrypt} writes
 * back. The forms are the usual ones, so existing data and other readers understand them:
 *
 * <ul>
 *   <li>Text storage: the value's canonical text: the string itself, decimal digits, {@code
 *       true}/{@code false}, ISO-8601 dates and times ({@code 2024-05-01}, {@code
 *       2024-05-01T10:15:30}, {@code 2024-05-01T01:15:30Z}), the UUID, the enum constant's name;
 *       {@code byte[]} as Base64.
 *   <li>Binary storage: {@code byte[]} as itself; every other type as the UTF-8 bytes of its text.
 * </ul>
 *
 * <p>Reading is lenient where databases differ: JDBC objects of the natural type ({@code
 * java.sql.Date}, {@code Timestamp}, numbers, {@code Boolean}, {@code UUID}) are taken as they are,
 * and text accepts a space instead of {@code T} and {@code t}/{@code f}/{@code 1}/{@code 0} for
 * booleans, as databases print them. A {@code Timestamp} or zone-less text for an {@code Instant} is
 * read as UTC.
 */
public final class PlainForms {
  private PlainForms() {}

  /**
   * The value of type {@code type} that a plaintext column value denotes.
   *
   * @param jdbcValue what {@code ResultSet.getObject} returned, or the column's text or bytes
   * @throws IllegalArgumentException if it denotes no value of {@code type}; the message names the
   *     type but never the value
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> T read(Object jdbcValue, Class<T> type) {
    Object v = jdbcValue instanceof Clob clob ? clobText(clob) : jdbcValue;
    try {
      Object out;
      if (type == String.class) {
        out = v instanceof byte[] b ? strictUtf8(b) : v.toString();
      } else if (type == byte[].class) {
        out = v instanceof byte[] b ? b : Base64.getDecoder().decode(v.toString().trim());
      } else if (type == Integer.class) {
        out = v instanceof Number n ? Integer.valueOf(new BigDecimal(n.toString()).intValueExact())
            : Integer.valueOf(text(v));
      } else if (type == Long.class) {
        out = v instanceof Number n ? Long.valueOf(new BigDecimal(n.toString()).longValueExact()) : Long.valueOf(text(v));
      } else if (type == BigDecimal.class) {
        out = v instanceof BigDecimal d ? d : new BigDecimal(v instanceof BigInteger i ? i.toString() : text(v));
      } else if (type == Boolean.class) {
        out = v instanceof Boolean b ? b : v instanceof Number n ? bool(n.toString()) : bool(text(v));
      } else if (type == LocalDate.class) {
        out = v instanceof LocalDate d ? d : v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(text(v));
      } else if (type == LocalDateTime.class) {
        out = v instanceof LocalDateTime d ? d : v instanceof Timestamp t ? t.toLocalDateTime()
            : LocalDateTime.parse(text(v).replace(' ', 'T'));
      } else if (type == Instant.class) {
        out = instant(v);
      } else if (type == UUID.class) {
        out = v instanceof UUID u ? u : UUID.fromString(text(v));
      } else if (type.isEnum()) {
        out = Enum.valueOf((Class) type, text(v));
      } else {
        throw new IllegalArgumentException("no plaintext form for " + type.getName());
      }
      return (T) out;
    } catch (DateTimeParseException | ArithmeticException | IllegalStateException e) {
      throw new IllegalArgumentException("not a plaintext " + type.getSimpleName());
    } catch (IllegalArgumentException e) { // NumberFormatException, Base64, UUID, enum constant
      throw new IllegalArgumentException("not a plaintext " + type.getSimpleName());
    }
  }

  /** The plaintext column value for {@code value}: {@code byte[]} for a binary column, else a {@code String}. */
  public static Object write(Object value, boolean binaryColumn) {
    if (binaryColumn) {
      return value instanceof byte[] b ? b : text(value, false).getBytes(StandardCharsets.UTF_8);
    }
    return text(value, true);
  }

  /** The canonical text of {@code value}. */
  private static String text(Object value, boolean base64Bytes) {
    if (value instanceof byte[] b) {
      return base64Bytes ? Base64.getEncoder().encodeToString(b) : new String(b, StandardCharsets.UTF_8);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString(); // String, numbers, Boolean, LocalDate(Time), Instant (ISO, Z), UUID
  }

  private static String text(Object v) {
    return (v instanceof byte[] b ? strictUtf8(b) : v.toString()).trim();
  }

  private static Boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "1", "yes", "y" -> Boolean.TRUE;
      case "false", "f", "0", "no", "n" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (v instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    String s = text(v).replace(' ', 'T');
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException notOffset) {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StrictUtf8.decode(bytes);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8");
    }
  }

  private static String clobText(Clob clob) {
    try {
      return clob.getSubString(1, (int) clob.length());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a CLOB value", e);
    }
  }
}
