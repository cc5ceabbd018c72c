package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeFormatTest {
  @Test
  void header_version3_isMagicFormatAlgorithmAndBigEndianVersion() {
    assertArrayEquals(new byte[] {'c', 's', 0x01, 0x01, 0, 0, 0, 3}, EnvelopeFormat.header(Algorithm.AES_256_GCM, 3));
  }

  @Test
  void header_maxVersion_isAllOnesBelowSignBit() {
    assertArrayEquals(
        new byte[] {'c', 's', 0x01, 0x01, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
        EnvelopeFormat.header(Algorithm.AES_256_GCM, Integer.MAX_VALUE));
  }

  @Test
  void textHeader_version3_isFixedWidthDecimal() {
    assertEquals("cs1:01:0000000003:", EnvelopeFormat.textHeader(Algorithm.AES_256_GCM, 3));
    assertEquals(EnvelopeFormat.TEXT_HEADER_LENGTH, EnvelopeFormat.textHeader(Algorithm.AES_256_GCM, Integer.MAX_VALUE).length());
  }

  @Test
  void header_versionZero_throws() {
    assertThrows(IllegalArgumentException.class, () -> EnvelopeFormat.header(Algorithm.AES_256_GCM, 0));
  }

  @Test
  void parseText_validHeader_returnsAlgorithmAndVersion() throws Exception {
    EnvelopeFormat.Header h = EnvelopeFormat.parseText("cs1:01:0000000042:AAAA");
    assertEquals(Algorithm.AES_256_GCM, h.algorithm());
    assertEquals(42, h.keyVersion());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "cs1:01:000000004", "cs2:01:0000000042:", "CS1:01:0000000042:", "cs1:0A:0000000042:",
      "cs1:01:00000000-2:", "cs1:01:0000000000:", "cs1:01:2147483648:", "cs1:06:0000000001:", "cs1:ff:0000000001:",
      "cs1;01:0000000001:", "cs1:01;0000000001:", "cs1:01:0000000001;"})
  void parseText_malformedOrUnsupportedHeader_throws(String s) {
    assertThrows(MalformedEnvelopeException.class, () -> EnvelopeFormat.parseText(s));
  }

  @Test
  void parseText_aria_returnsAlgorithm03() throws Exception {
    assertEquals(Algorithm.ARIA_256_GCM, EnvelopeFormat.parseText("cs1:03:0000000001:AAAA").algorithm());
  }

  @Test
  void parseBinary_unassignedAlgorithm_throwsWithVersion() {
    byte[] e = new byte[EnvelopeFormat.BINARY_OVERHEAD];
    EnvelopeFormat.writeHeader(e, 0, Algorithm.AES_256_GCM, 7);
    e[3] = 0x06;
    MalformedEnvelopeException ex = assertThrows(MalformedEnvelopeException.class, () -> EnvelopeFormat.parseBinary(e));
    assertEquals(7, ex.keyVersion());
  }

  @Test
  void parseBinary_shorterThanOverhead_throws() {
    byte[] e = new byte[EnvelopeFormat.BINARY_OVERHEAD - 1];
    EnvelopeFormat.writeHeader(e, 0, Algorithm.AES_256_GCM, 1);
    assertThrows(MalformedEnvelopeException.class, () -> EnvelopeFormat.parseBinary(e));
  }

  @Test
  void parseBinary_gcmSivShorterThanItsOverhead_throwsWithVersion() {
    byte[] e = new byte[EnvelopeFormat.SIV_BINARY_OVERHEAD - 1];
    EnvelopeFormat.writeHeader(e, 0, Algorithm.AES_256_GCM_SIV, 4);
    assertThrows(MalformedEnvelopeException.class, () -> EnvelopeFormat.parseBinary(e));
  }

  @Test
  void parseBinary_gcmSivTagOnly_isAcceptedAsEmptyPlaintextLength() {
    byte[] e = new byte[EnvelopeFormat.SIV_BINARY_OVERHEAD];
    EnvelopeFormat.writeHeader(e, 0, Algorithm.AES_256_GCM_SIV, 4);
    EnvelopeFormat.Header h = assertDoesNotThrow(() -> EnvelopeFormat.parseBinary(e));
    assertEquals(Algorithm.AES_256_GCM_SIV, h.algorithm());
    assertEquals(4, h.keyVersion());
  }

  @Test
  void parseBinary_gcmShorterThanGcmOverheadButLongEnoughForSiv_throws() {
    byte[] e = new byte[EnvelopeFormat.SIV_BINARY_OVERHEAD + 4];
    EnvelopeFormat.writeHeader(e, 0, Algorithm.AES_256_GCM, 4);
    MalformedEnvelopeException ex = assertThrows(MalformedEnvelopeException.class, () -> EnvelopeFormat.parseBinary(e));
    assertEquals(4, ex.keyVersion());
  }

  @Test
  void textHeader_gcmSiv_hasAlgorithm02() {
    assertEquals("cs1:02:0000000003:", EnvelopeFormat.textHeader(Algorithm.AES_256_GCM_SIV, 3));
  }

  @Test
  void columnBinding_isLengthPrefixedNormalisedNames() {
    byte[] b = EnvelopeFormat.columnBinding("\"Customers\"", "public.EMAIL");
    byte[] expected = new byte[2 + 9 + 2 + 5];
    expected[1] = 9;
    System.arraycopy("customers".getBytes(StandardCharsets.UTF_8), 0, expected, 2, 9);
    expected[12] = 5;
    System.arraycopy("email".getBytes(StandardCharsets.UTF_8), 0, expected, 13, 5);
    assertArrayEquals(expected, b);
  }

  @Test
  void columnBinding_hangulName_usesUtf8Length() {
    byte[] b = EnvelopeFormat.columnBinding("고객", "이메일");
    assertEquals(6, b[1]);
    assertEquals(9, b[2 + 6 + 1]);
  }
}
