package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.TestCodecs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCodecsTest {
  enum Color {
    RED,
    GREEN
  }

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(String.class, List.of("", "a", "customer1@example.com", "홍길동 900101-1234567", "😀 surrogate pair")),
        Arguments.of(Integer.class, List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
        Arguments.of(Long.class, List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)),
        Arguments.of(Boolean.class, List.of(true, false)),
        Arguments.of(BigDecimal.class, List.of(BigDecimal.ZERO, new BigDecimal("12345.60"), new BigDecimal("-0.0001"),
            new BigDecimal("1E+10"), new BigDecimal(new BigInteger("-128"), 3), new BigDecimal("99999999999999999999999999999999999999"))),
        Arguments.of(LocalDate.class, List.of(LocalDate.of(1990, 1, 1), LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH)),
        Arguments.of(LocalDateTime.class, List.of(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999), LocalDateTime.MIN, LocalDateTime.MAX)),
        Arguments.of(Instant.class, List.of(Instant.EPOCH, Instant.ofEpochSecond(-1, 1), Instant.MAX, Instant.MIN)),
        Arguments.of(UUID.class, List.of(new UUID(0, 0), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))),
        Arguments.of(Color.class, List.of(Color.RED, Color.GREEN)));
  }

  @ParameterizedTest
  @MethodSource("samples")
  <T> void encodeDecode_samples_roundTrip(Class<T> type, List<T> values) {
    ValueCodec<T> codec = TestCodecs.forType(type).orElseThrow();
    for (T v : values) {
      assertEquals(v, codec.decode(codec.encode(v)), () -> type.getSimpleName() + " " + v);
    }
  }

  @Test
  void encode_bytes_roundTripsRandomLengths() {
    ValueCodec<byte[]> codec = TestCodecs.forType(byte[].class).orElseThrow();
    Random r = new Random(1);
    for (int len : new int[] {0, 1, 17, 31, 1027, 4096}) {
      byte[] b = new byte[len];
      r.nextBytes(b);
      assertArrayEquals(b, codec.decode(codec.encode(b)));
    }
  }

  @Test
  void encode_fixedWidthTypes_haveDocumentedBytes() {
    assertEquals("0000002a", hex(Integer.class, 42));
    assertEquals("ffffffffffffffff", hex(Long.class, -1L));
    assertEquals("01", hex(Boolean.class, true));
    assertEquals("00000002" + "3039", hex(BigDecimal.class, new BigDecimal("123.45")));
    assertEquals("0000000000001db8", hex(LocalDate.class, LocalDate.of(1990, 10, 31)));
    assertEquals("000000000000000a" + "000000000000002a", hex(LocalDateTime.class, LocalDateTime.of(LocalDate.ofEpochDay(10), java.time.LocalTime.ofNanoOfDay(42))));
    assertEquals("0000000000000001" + "00000002", hex(Instant.class, Instant.ofEpochSecond(1, 2)));
    assertEquals("47524545" + "4e", hex(Color.class, Color.GREEN));
  }

  private static <T> String hex(Class<T> type, T value) {
    return HexFormat.of().formatHex(TestCodecs.forType(type).orElseThrow().encode(value));
  }

  @Test
  void decode_wrongLengthOrValue_throws() {
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(Integer.class).orElseThrow().decode(new byte[3]));
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(Boolean.class).orElseThrow().decode(new byte[] {2}));
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(BigDecimal.class).orElseThrow().decode(new byte[] {0, 0, 0, 0, 0, 5}));
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(Color.class).orElseThrow().decode("BLUE".getBytes()));
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(Instant.class).orElseThrow()
        .decode(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
  }

  @Test
  void encode_unpairedSurrogate_throwsInsteadOfReplacing() {
    assertThrows(IllegalArgumentException.class, () -> TestCodecs.forType(String.class).orElseThrow().encode("a\uD800b"));
  }

  @Test
  void forType_primitivesAndUnsupported() {
    assertTrue(TestCodecs.forType(int.class).isPresent());
    assertTrue(TestCodecs.forType(long.class).isPresent());
    assertTrue(TestCodecs.forType(boolean.class).isPresent());
    assertTrue(TestCodecs.forType(Double.class).isEmpty());
    assertTrue(TestCodecs.forType(java.util.Date.class).isEmpty());
  }


  private static final ValueCodec<String> STRINGS = TestCodecs.forType(String.class).orElseThrow();

  @Test
  void decodeString_wellFormedUtf8_returnsString() {
    String s = "고객 \uD83D\uDD11 e-mail";
    assertEquals(s, STRINGS.decode(s.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "c080", "eda080", "e282", "f4908080", "61ff62"})
  void decodeString_malformedUtf8_throwsIllegalArgumentException(String hex) {
    byte[] bytes = java.util.HexFormat.of().parseHex(hex);
    assertThrows(IllegalArgumentException.class, () -> STRINGS.decode(bytes));
  }

  @Test
  void decodeEnum_malformedUtf8_throwsIllegalArgumentException() {
    ValueCodec<Color> tiers = TestCodecs.forType(Color.class).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> tiers.decode(new byte[] {'G', 'O', (byte) 0xff}));
  }
}
