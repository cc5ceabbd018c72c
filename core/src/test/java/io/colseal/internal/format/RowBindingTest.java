package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The row binding of algorithm 05: the bytes ciphertext-format.md specifies, and what it refuses. */
class RowBindingTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hex(Object... parts) {
    return HEX.formatHex(RowBinding.encode(Arrays.asList(parts)));
  }

  @Test
  void encode_eachType_asDocumented() {
    assertEquals("0001" + "69" + "00000008" + "000000000000002a", hex(42));
    assertEquals("0001" + "69" + "00000008" + "ffffffffffffffff", hex(-1L));
    assertEquals("0001" + "73" + "00000002" + "4b52", hex("KR"));
    assertEquals("0001" + "73" + "00000000", hex(""));
    assertEquals("0001" + "73" + "00000009" + "ed998deab8b8eb8f99", hex("홍길동"));
    assertEquals("0001" + "75" + "00000010" + "123e4567e89b12d3a456426614174000",
        hex(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    assertEquals("0001" + "62" + "00000003" + "000102", hex((Object) new byte[] {0, 1, 2}));
    assertEquals("0002" + "73" + "00000002" + "4b52" + "69" + "00000008" + "0000000000000007", hex("KR", 7));
  }

  @Test
  void encode_integralTypesOfEqualValue_bindTheSame() {
    byte[] asLong = RowBinding.encode(List.of(7L));
    assertArrayEquals(asLong, RowBinding.encode(List.of(7)));
    assertArrayEquals(asLong, RowBinding.encode(List.of((short) 7)));
    assertArrayEquals(asLong, RowBinding.encode(List.of(BigInteger.valueOf(7))));
    assertArrayEquals(RowBinding.encode(List.of(Long.MIN_VALUE)),
        RowBinding.encode(List.of(BigInteger.valueOf(Long.MIN_VALUE))));
  }

  @Test
  void encode_sameDigitsAsAnotherType_bindsDifferently() {
    byte[] number = RowBinding.encode(List.of(1));
    assertFalse(Arrays.equals(number, RowBinding.encode(List.of("1"))));
    assertFalse(Arrays.equals(number, RowBinding.encode(List.of((Object) HEX.parseHex("0000000000000001")))));
  }

  @Test
  void encode_partsJoinedOrSplit_bindDifferently() {
    assertFalse(Arrays.equals(RowBinding.encode(List.of("a", "b")), RowBinding.encode(List.of("ab"))));
    assertFalse(Arrays.equals(RowBinding.encode(List.of("ab", "")), RowBinding.encode(List.of("a", "b"))));
    assertFalse(Arrays.equals(RowBinding.encode(List.of(1, 2)), RowBinding.encode(List.of(2, 1))));
  }

  @Test
  void encode_unsupportedPart_refusedNamingPositionAndTypeNotValue() {
    IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
        () -> RowBinding.encode(List.of(1, new Date(1234567890123L))));
    assertTrue(date.getMessage().startsWith("part 2 of 2 is a java.util.Date"), date.getMessage());
    assertFalse(date.getMessage().contains("1234567890123"), date.getMessage());
    IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
        () -> RowBinding.encode(Arrays.asList("CANARY-key", null)));
    assertEquals("part 2 of 2 is null", nul.getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> RowBinding.encode(List.of(BigInteger.ONE.shiftLeft(63))));
    assertEquals("part 1 of 1 is a BigInteger outside the range of long", big.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RowBinding.encode(List.of(1.0)));
    assertThrows(IllegalArgumentException.class, () -> RowBinding.encode(List.of(true)));
    assertThrows(IllegalArgumentException.class, () -> RowBinding.encode(List.of()));
  }

  @Test
  void encode_unpairedSurrogate_refused() {
    // A lenient UTF-8 encoder writes '?' for it, which would bind the row "a?b" too.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RowBinding.encode(List.of("a\ud800b")));
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
  }
}
