package io.colseal.hibernate;

import java.util.Map;
import java.util.function.Supplier;
import org.hibernate.dialect.Dialect;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.type.descriptor.java.BigDecimalJavaType;
import org.hibernate.type.descriptor.java.BooleanJavaType;
import org.hibernate.type.descriptor.java.EnumJavaType;
import org.hibernate.type.descriptor.java.InstantJavaType;
import org.hibernate.type.descriptor.java.IntegerJavaType;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.LocalDateJavaType;
import org.hibernate.type.descriptor.java.LocalDateTimeJavaType;
import org.hibernate.type.descriptor.java.LongJavaType;
import org.hibernate.type.descriptor.java.PrimitiveByteArrayJavaType;
import org.hibernate.type.descriptor.java.StringJavaType;
import org.hibernate.type.descriptor.java.UUIDJavaType;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.jspecify.annotations.Nullable;

/**
 * Domain Java types for encrypted attributes: Hibernate's own types with two changes.
 *
 * <ul>
 *   <li>{@code extractLoggableRepresentation} returns {@value #MASK}. Hibernate prints entity state
 *       through it at DEBUG/TRACE (entity printer, dirty-checking and cache logs), which would
 *       otherwise put plaintext into log files.
 *   <li>No CHECK constraint. For converted Boolean and enum columns Hibernate derives {@code col in
 *       (...)} by converting every possible value at boot; encrypted values are random, so the
 *       constraint would reject every row.
 * </ul>
 *
 * Subclasses rather than wrappers, so Hibernate's {@code instanceof} checks on its types still hold.
 */
final class RedactingJavaTypes {
  static final String MASK = "[colseal:encrypted]";

  private RedactingJavaTypes() {}

  private static final Map<Class<?>, Supplier<JavaType<?>>> TYPES =
      Map.ofEntries(
          Map.entry(String.class, RedactingString::new),
          Map.entry(byte[].class, RedactingBytes::new),
          Map.entry(Integer.class, RedactingInteger::new),
          Map.entry(Long.class, RedactingLong::new),
          Map.entry(java.math.BigDecimal.class, RedactingBigDecimal::new),
          Map.entry(java.time.LocalDate.class, RedactingLocalDate::new),
          Map.entry(java.time.LocalDateTime.class, RedactingLocalDateTime::new),
          Map.entry(java.time.Instant.class, RedactingInstant::new),
          Map.entry(java.util.UUID.class, RedactingUuid::new),
          Map.entry(Boolean.class, RedactingBoolean::new));

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> JavaType<T> domainType(Class<T> javaType) {
    if (javaType.isEnum()) {
      return (JavaType<T>) new RedactingEnum(javaType);
    }
    Supplier<JavaType<?>> s = TYPES.get(javaType);
    if (s == null) {
      throw new IllegalArgumentException("no domain type for " + javaType.getName());
    }
    return (JavaType<T>) s.get();
  }

  private static final class RedactingString extends StringJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(@Nullable String value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingBytes extends PrimitiveByteArrayJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(byte @Nullable [] value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingInteger extends IntegerJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(@Nullable Integer value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingLong extends LongJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(@Nullable Long value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingBigDecimal extends BigDecimalJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(java.math.@Nullable BigDecimal value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingLocalDate extends LocalDateJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(java.time.@Nullable LocalDate value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingLocalDateTime extends LocalDateTimeJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(java.time.@Nullable LocalDateTime value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingInstant extends InstantJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(java.time.@Nullable Instant value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingUuid extends UUIDJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(java.util.@Nullable UUID value) {
      return value == null ? "null" : MASK;
    }
  }

  private static final class RedactingBoolean extends BooleanJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public String extractLoggableRepresentation(@Nullable Boolean value) {
      return value == null ? "null" : MASK;
    }

    @Override
    public @Nullable String getCheckCondition(
        String columnName, JdbcType jdbcType, BasicValueConverter<Boolean, ?> converter, Dialect dialect) {
      return null;
    }
  }

  private static final class RedactingEnum<E extends Enum<E>> extends EnumJavaType<E> {
    private static final long serialVersionUID = 1L;

    RedactingEnum(Class<E> type) {
      super(type);
    }

    @Override
    public String extractLoggableRepresentation(@Nullable E value) {
      return value == null ? "null" : MASK;
    }

    @Override
    public @Nullable String getCheckCondition(
        String columnName, JdbcType jdbcType, BasicValueConverter<E, ?> converter, Dialect dialect) {
      return null;
    }
  }
}
