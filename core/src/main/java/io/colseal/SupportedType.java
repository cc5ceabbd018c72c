package io.colseal;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.ValueCodec;
import io.colseal.internal.format.ValueCodecs;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Java types colseal encrypts: the one table every check, error message, converter class and
 * documented list is derived from. A type's encoding (docs/reference/ciphertext-format.md, "Value
 * encodings") never changes once released.
 */
public enum SupportedType {
  STRING(String.class, null, ValueCodecs.STRING),
  BYTES(byte[].class, null, ValueCodecs.BYTES),
  INTEGER(Integer.class, int.class, ValueCodecs.INTEGER),
  LONG(Long.class, long.class, ValueCodecs.LONG),
  BIG_DECIMAL(BigDecimal.class, null, ValueCodecs.BIG_DECIMAL),
  BOOLEAN(Boolean.class, boolean.class, ValueCodecs.BOOLEAN),
  LOCAL_DATE(LocalDate.class, null, ValueCodecs.LOCAL_DATE),
  LOCAL_DATE_TIME(LocalDateTime.class, null, ValueCodecs.LOCAL_DATE_TIME),
  INSTANT(Instant.class, null, ValueCodecs.INSTANT),
  UUID(UUID.class, null, ValueCodecs.UUID_CODEC),
  /** Any enum, encrypted as its constant's name. */
  ENUM(Enum.class, null, null);

  private final Class<?> javaType;
  private final @Nullable Class<?> primitive;
  private final @Nullable ValueCodec<?> codec;

  SupportedType(Class<?> javaType, @Nullable Class<?> primitive, @Nullable ValueCodec<?> codec) {
    this.javaType = javaType;
    this.primitive = primitive;
    this.codec = codec;
  }

  /** The Java type; {@code Enum.class} for {@link #ENUM}. */
  public Class<?> javaType() {
    return javaType;
  }

  /** The primitive type that maps to this one ({@code int} for {@link #INTEGER}), if any. */
  public Optional<Class<?>> primitive() {
    return Optional.ofNullable(primitive);
  }

  /** The name in lists and messages: {@code Integer/int}, {@code byte[]}, {@code enums}. */
  public String displayName() {
    if (this == ENUM) {
      return "enums";
    }
    return javaType.getSimpleName() + (primitive == null ? "" : "/" + primitive.getName());
  }

  /** The supported type of {@code type} (a primitive counts as its box, every enum as {@link #ENUM}). */
  public static Optional<SupportedType> of(Class<?> type) {
    Class<?> boxed = box(type);
    if (boxed.isEnum()) {
      return Optional.of(ENUM);
    }
    for (SupportedType t : values()) {
      if (t.javaType == boxed) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Whether colseal can encrypt values of {@code type}. */
  public static boolean isSupported(Class<?> type) {
    return of(type).isPresent();
  }

  /** The box of a primitive type ({@code int} to {@code Integer}), or {@code type} itself. */
  public static Class<?> box(Class<?> type) {
    for (SupportedType t : values()) {
      if (t.primitive == type) {
        return t.javaType;
      }
    }
    return type;
  }

  /** Every supported type in words, for messages and docs: "String, byte[], ..., UUID and enums". */
  public static String describeAll() {
    String all = Arrays.stream(values()).map(SupportedType::displayName).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " and " + all.substring(last + 2);
  }

  /**
   * The longest stored value of a column of {@code type} in {@code storage}, for sizing DDL: {@code
   * declared} is the declared length of the plaintext (characters for strings, bytes for byte
   * arrays; precision for {@code BigDecimal}; ignored for fixed-width types).
   */
  public static long maxStoredLength(Class<?> type, Storage storage, long declared) {
    long plain = codec(box(type)).maxEncodedLength(declared);
    long binary = EnvelopeFormat.BINARY_OVERHEAD + plain;
    return storage.resolveFor(type) == Storage.BINARY
        ? binary
        : EnvelopeFormat.TEXT_HEADER_LENGTH + 4 * ((binary - EnvelopeFormat.HEADER_LENGTH + 2) / 3);
  }

  /**
   * The codec of {@code type}.
   *
   * @throws io.colseal.exception.ColsealConfigException if the type is not supported
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> ValueCodec<T> codec(Class<T> type) {
    SupportedType t = of(type).orElseThrow(() -> new io.colseal.exception.ColsealConfigException(
        type.getName() + " cannot be encrypted; supported types: " + describeAll()));
    return t == ENUM ? (ValueCodec<T>) ValueCodecs.enumCodec((Class) box(type)) : (ValueCodec<T>) t.codec;
  }
}
