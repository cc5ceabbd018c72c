package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link EnvelopeHeaders#isWellFormed}: an envelope has the whole shape of one, not only a header
 * (issue 13, point 6). A plaintext that starts with a valid header is not an envelope.
 */
class EnvelopeShapeTest {
  private static final byte[] BINARY = EnvelopeVectorsGenerator.seal(1, "customers", "email",
      "a@example.com".getBytes(StandardCharsets.UTF_8), EnvelopeVectorsGenerator.nonce(1));
  private static final String TEXT = EnvelopeVectorsGenerator.text(BINARY);

  @Test
  void isWellFormed_sealedValues_true() {
    assertTrue(EnvelopeHeaders.isWellFormed(TEXT), TEXT);
    assertTrue(EnvelopeHeaders.isWellFormed(BINARY));
  }

  @Test
  void isWellFormed_headerThenWords_false() {
    assertFalse(EnvelopeHeaders.isWellFormed("cs1:01:0000000001:not really encrypted"));
  }

  @Test
  void isWellFormed_headerThenBase64TooShortForAnEnvelope_false() {
    assertFalse(EnvelopeHeaders.isWellFormed("cs1:01:0000000001:QUJDREVGR0hJSktMTU5PUA=="));
  }

  @Test
  void isWellFormed_truncatedOrPaddedBody_false() {
    assertFalse(EnvelopeHeaders.isWellFormed(TEXT.substring(0, TEXT.length() - 1)));
    assertFalse(EnvelopeHeaders.isWellFormed(TEXT + " "));
  }

  @Test
  void isWellFormed_columnKeyEnvelopes_likeAlgorithm01() {
    byte[] ck = EnvelopeVectorsGenerator.sealColumnKey(1, "customers", "email", new byte[0],
        EnvelopeVectorsGenerator.nonce(1));
    assertTrue(EnvelopeHeaders.isWellFormed(ck));
    assertTrue(EnvelopeHeaders.isWellFormed(EnvelopeVectorsGenerator.text(ck)));
    assertFalse(EnvelopeHeaders.isWellFormed(Arrays.copyOf(ck, ck.length - 1)), "04 needs nonce and tag, as 01");
    assertFalse(EnvelopeHeaders.isWellFormed("cs1:04:0000000001:QUJDREVGR0hJSktMTU5PUA=="));
  }

  @Test
  void isWellFormed_rowBoundEnvelopes_likeAlgorithm01() {
    byte[] rb = EnvelopeVectorsGenerator.sealRowBound(1, "customers", "email",
        java.util.List.of(EnvelopeVectorsGenerator.part("integer", 1L)), new byte[0], EnvelopeVectorsGenerator.nonce(1));
    assertTrue(EnvelopeHeaders.isWellFormed(rb));
    assertTrue(EnvelopeHeaders.isWellFormed(EnvelopeVectorsGenerator.text(rb)));
    assertFalse(EnvelopeHeaders.isWellFormed(Arrays.copyOf(rb, rb.length - 1)), "05 needs nonce and tag, as 01");
    assertFalse(EnvelopeHeaders.isWellFormed("cs1:05:0000000001:QUJDREVGR0hJSktMTU5PUA=="));
  }

  @Test
  void isWellFormed_binaryShorterThanAnEnvelope_false() {
    assertFalse(EnvelopeHeaders.isWellFormed(Arrays.copyOf(BINARY, EnvelopeFormat.BINARY_OVERHEAD - 1)));
  }
}
