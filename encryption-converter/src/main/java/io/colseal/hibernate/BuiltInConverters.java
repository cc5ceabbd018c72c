package io.colseal.hibernate;

import io.colseal.Storage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One converter class per (Java type, storage). Hibernate keys registered converters by class, so
 * the auto-apply safety net needs a distinct class for each combination; the binder uses the same
 * classes. Enums use {@link EnumText}/{@link EnumBinary}, created per enum type.
 */
final class BuiltInConverters {
  private BuiltInConverters() {}

  /** A fresh converter for {@code javaType} (boxed) stored as {@code storage} (TEXT or BINARY). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static EncryptingConverter<?, ?> create(Class<?> javaType, Storage storage) {
    if (javaType.isEnum()) {
      return storage == Storage.BINARY ? new EnumBinary(javaType) : new EnumText(javaType);
    }
    Supplier<EncryptingConverter<?, ?>> s = (storage == Storage.BINARY ? BINARY : TEXT).get(javaType);
    if (s == null) {
      throw new IllegalArgumentException("no converter for " + javaType.getName());
    }
    return s.get();
  }

  /** Every non-enum (type, storage) pair, for the auto-apply registrations. */
  static List<Storage> storages() {
    return List.of(Storage.TEXT, Storage.BINARY);
  }

  static java.util.Set<Class<?>> types() {
    return TEXT.keySet();
  }

  static Class<?> converterClass(Class<?> javaType, Storage storage) {
    return create(javaType, storage).getClass();
  }
  private static final Map<Class<?>, Supplier<EncryptingConverter<?, ?>>> TEXT =
      Map.ofEntries(
          Map.entry(String.class, StringText::new),
          Map.entry(byte[].class, BytesText::new),
          Map.entry(Integer.class, IntegerText::new),
          Map.entry(Long.class, LongText::new),
          Map.entry(java.math.BigDecimal.class, BigDecimalText::new),
          Map.entry(Boolean.class, BooleanText::new),
          Map.entry(java.time.LocalDate.class, LocalDateText::new),
          Map.entry(java.time.LocalDateTime.class, LocalDateTimeText::new),
          Map.entry(java.time.Instant.class, InstantText::new),
          Map.entry(java.util.UUID.class, UuidText::new));

  private static final Map<Class<?>, Supplier<EncryptingConverter<?, ?>>> BINARY =
      Map.ofEntries(
          Map.entry(String.class, StringBinary::new),
          Map.entry(byte[].class, BytesBinary::new),
          Map.entry(Integer.class, IntegerBinary::new),
          Map.entry(Long.class, LongBinary::new),
          Map.entry(java.math.BigDecimal.class, BigDecimalBinary::new),
          Map.entry(Boolean.class, BooleanBinary::new),
          Map.entry(java.time.LocalDate.class, LocalDateBinary::new),
          Map.entry(java.time.LocalDateTime.class, LocalDateTimeBinary::new),
          Map.entry(java.time.Instant.class, InstantBinary::new),
          Map.entry(java.util.UUID.class, UuidBinary::new));

  static final class StringText extends EncryptedTextConverter<String> {
    StringText() {
      super(String.class);
    }
  }

  static final class StringBinary extends EncryptedBinaryConverter<String> {
    StringBinary() {
      super(String.class);
    }
  }

  static final class BytesText extends EncryptedTextConverter<byte[]> {
    BytesText() {
      super(byte[].class);
    }
  }

  static final class BytesBinary extends EncryptedBinaryConverter<byte[]> {
    BytesBinary() {
      super(byte[].class);
    }
  }

  static final class IntegerText extends EncryptedTextConverter<Integer> {
    IntegerText() {
      super(Integer.class);
    }
  }

  static final class IntegerBinary extends EncryptedBinaryConverter<Integer> {
    IntegerBinary() {
      super(Integer.class);
    }
  }

  static final class LongText extends EncryptedTextConverter<Long> {
    LongText() {
      super(Long.class);
    }
  }

  static final class LongBinary extends EncryptedBinaryConverter<Long> {
    LongBinary() {
      super(Long.class);
    }
  }

  static final class BigDecimalText extends EncryptedTextConverter<java.math.BigDecimal> {
    BigDecimalText() {
      super(java.math.BigDecimal.class);
    }
  }

  static final class BigDecimalBinary extends EncryptedBinaryConverter<java.math.BigDecimal> {
    BigDecimalBinary() {
      super(java.math.BigDecimal.class);
    }
  }

  static final class BooleanText extends EncryptedTextConverter<Boolean> {
    BooleanText() {
      super(Boolean.class);
    }
  }

  static final class BooleanBinary extends EncryptedBinaryConverter<Boolean> {
    BooleanBinary() {
      super(Boolean.class);
    }
  }

  static final class LocalDateText extends EncryptedTextConverter<java.time.LocalDate> {
    LocalDateText() {
      super(java.time.LocalDate.class);
    }
  }

  static final class LocalDateBinary extends EncryptedBinaryConverter<java.time.LocalDate> {
    LocalDateBinary() {
      super(java.time.LocalDate.class);
    }
  }

  static final class LocalDateTimeText extends EncryptedTextConverter<java.time.LocalDateTime> {
    LocalDateTimeText() {
      super(java.time.LocalDateTime.class);
    }
  }

  static final class LocalDateTimeBinary extends EncryptedBinaryConverter<java.time.LocalDateTime> {
    LocalDateTimeBinary() {
      super(java.time.LocalDateTime.class);
    }
  }

  static final class InstantText extends EncryptedTextConverter<java.time.Instant> {
    InstantText() {
      super(java.time.Instant.class);
    }
  }

  static final class InstantBinary extends EncryptedBinaryConverter<java.time.Instant> {
    InstantBinary() {
      super(java.time.Instant.class);
    }
  }

  static final class UuidText extends EncryptedTextConverter<java.util.UUID> {
    UuidText() {
      super(java.util.UUID.class);
    }
  }

  static final class UuidBinary extends EncryptedBinaryConverter<java.util.UUID> {
    UuidBinary() {
      super(java.util.UUID.class);
    }
  }

  static final class EnumText<E extends Enum<E>> extends EncryptedTextConverter<E> {
    EnumText(Class<E> type) {
      super(type);
    }
  }

  static final class EnumBinary<E extends Enum<E>> extends EncryptedBinaryConverter<E> {
    EnumBinary(Class<E> type) {
      super(type);
    }
  }
}
