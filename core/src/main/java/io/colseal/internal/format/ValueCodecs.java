package io.colseal.internal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * The value encodings of format version 1, one codec per supported type; which Java type uses
 * which codec is decided by {@code io.colseal.SupportedType}, the one table of supported types.
 * Numbers and times are fixed-width big-endian, so the length of an envelope does not reveal their
 * magnitude; strings are UTF-8; enums are their constant name in UTF-8 (renaming a constant needs
 * re-encryption, reordering does not).
 */
public final class ValueCodecs {
  private ValueCodecs() {}

  public static final ValueCodec<String> STRING = new StringCodec();
  public static final ValueCodec<byte[]> BYTES = new BytesCodec();
  public static final ValueCodec<Integer> INTEGER =
      fixed(Integer.class, 4, (Integer v) -> ByteBuffer.allocate(4).putInt(v), ByteBuffer::getInt);
  public static final ValueCodec<Long> LONG =
      fixed(Long.class, 8, (Long v) -> ByteBuffer.allocate(8).putLong(v), ByteBuffer::getLong);
  public static final ValueCodec<Boolean> BOOLEAN = new BooleanCodec();
  public static final ValueCodec<BigDecimal> BIG_DECIMAL = new BigDecimalCodec();
  public static final ValueCodec<LocalDate> LOCAL_DATE = fixed(LocalDate.class, 8,
      (LocalDate v) -> ByteBuffer.allocate(8).putLong(v.toEpochDay()), b -> LocalDate.ofEpochDay(b.getLong()));
  public static final ValueCodec<LocalDateTime> LOCAL_DATE_TIME = fixed(LocalDateTime.class, 16,
      (LocalDateTime v) -> ByteBuffer.allocate(16).putLong(v.toLocalDate().toEpochDay())
          .putLong(v.toLocalTime().toNanoOfDay()),
      b -> LocalDateTime.of(LocalDate.ofEpochDay(b.getLong()), LocalTime.ofNanoOfDay(b.getLong())));
  public static final ValueCodec<Instant> INSTANT = fixed(Instant.class, 12,
      (Instant v) -> ByteBuffer.allocate(12).putLong(v.getEpochSecond()).putInt(v.getNano()),
      b -> Instant.ofEpochSecond(b.getLong(), checkedNano(b.getInt())));
  public static final ValueCodec<UUID> UUID_CODEC = fixed(UUID.class, 16,
      (UUID v) -> ByteBuffer.allocate(16).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits()),
      b -> new UUID(b.getLong(), b.getLong()));

  /** The codec of an enum type: its constants' names in UTF-8. */
  public static <E extends Enum<E>> ValueCodec<E> enumCodec(Class<E> type) {
    return new EnumCodec<>(type);
  }

  /** Decodes well-formed UTF-8 only (see {@link StrictUtf8}): a value must have exactly one encoding. */
  private static String strictUtf8(byte[] bytes, String typeName) {
    try {
      return StrictUtf8.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not an encoding of " + typeName);
    }
  }

  private static int checkedNano(int nano) {
    if (nano < 0 || nano > 999_999_999) {
      throw new IllegalArgumentException("nano-of-second out of range");
    }
    return nano;
  }

  private static <T> ValueCodec<T> fixed(
      Class<T> type, int width, Function<T, ByteBuffer> writer, Function<ByteBuffer, T> reader) {
    return new ValueCodec<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public byte[] encode(T value) {
        return writer.apply(value).array();
      }

      @Override
      public T decode(byte[] bytes) {
        if (bytes.length != width) {
          throw new IllegalArgumentException("not an encoding of " + type.getSimpleName());
        }
        try {
          return reader.apply(ByteBuffer.wrap(bytes));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
          throw new IllegalArgumentException("not an encoding of " + type.getSimpleName());
        }
      }

      @Override
      public long maxEncodedLength(long length) {
        return width;
      }
    };
  }

  private static final class StringCodec implements ValueCodec<String> {
    @Override
    public Class<String> type() {
      return String.class;
    }

    @Override
    public byte[] encode(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            i++;
          } else {
            // String.getBytes would silently replace it with '?': refuse rather than corrupt.
            throw new IllegalArgumentException("string contains an unpaired surrogate and has no UTF-8 form");
          }
        }
      }
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      return strictUtf8(bytes, "String");
    }

    @Override
    public long maxEncodedLength(long length) {
      return length * 3; // a UTF-16 unit is at most 3 UTF-8 bytes; a surrogate pair is 4 for 2 units
    }
  }

  private static final class BytesCodec implements ValueCodec<byte[]> {
    @Override
    public Class<byte[]> type() {
      return byte[].class;
    }

    /** The caller's array itself: the encoding of a byte array is the array, and no copy is needed. */
    @Override
    public byte[] encode(byte[] value) {
      return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
      return bytes;
    }

    @Override
    public long maxEncodedLength(long length) {
      return length;
    }
  }

  private static final class BooleanCodec implements ValueCodec<Boolean> {
    @Override
    public Class<Boolean> type() {
      return Boolean.class;
    }

    @Override
    public byte[] encode(Boolean value) {
      return new byte[] {(byte) (value ? 1 : 0)};
    }

    @Override
    public Boolean decode(byte[] bytes) {
      if (bytes.length != 1 || (bytes[0] != 0 && bytes[0] != 1)) {
        throw new IllegalArgumentException("not an encoding of Boolean");
      }
      return bytes[0] == 1;
    }

    @Override
    public long maxEncodedLength(long length) {
      return 1;
    }
  }

  /** int32 BE scale, then the unscaled value as minimal two's-complement big-endian bytes. */
  private static final class BigDecimalCodec implements ValueCodec<BigDecimal> {
    @Override
    public Class<BigDecimal> type() {
      return BigDecimal.class;
    }

    @Override
    public byte[] encode(BigDecimal value) {
      byte[] unscaled = value.unscaledValue().toByteArray();
      return ByteBuffer.allocate(4 + unscaled.length).putInt(value.scale()).put(unscaled).array();
    }

    @Override
    public BigDecimal decode(byte[] bytes) {
      if (bytes.length < 5) {
        throw new IllegalArgumentException("not an encoding of BigDecimal");
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int scale = b.getInt();
      byte[] unscaled = new byte[bytes.length - 4];
      b.get(unscaled);
      BigInteger u = new BigInteger(unscaled);
      if (u.toByteArray().length != unscaled.length) {
        throw new IllegalArgumentException("not an encoding of BigDecimal"); // not minimal
      }
      return new BigDecimal(u, scale);
    }

    @Override
    public long maxEncodedLength(long precision) {
      // 10^p < 2^(3.33p): p digits need at most ceil((3.33p + 1) / 8) bytes with the sign bit.
      return 4 + (long) Math.ceil((precision * 3.3220 + 1) / 8.0);
    }
  }

  private static final class EnumCodec<E extends Enum<E>> implements ValueCodec<E> {
    private final Class<E> type;

    EnumCodec(Class<E> type) {
      this.type = type;
    }

    @Override
    public Class<E> type() {
      return type;
    }

    @Override
    public byte[] encode(E value) {
      return value.name().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public E decode(byte[] bytes) {
      try {
        return Enum.valueOf(type, strictUtf8(bytes, type.getSimpleName()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a constant of " + type.getSimpleName());
      }
    }

    @Override
    public long maxEncodedLength(long length) {
      long max = 1;
      for (E e : type.getEnumConstants()) {
        max = Math.max(max, e.name().getBytes(StandardCharsets.UTF_8).length);
      }
      return max;
    }
  }
}
