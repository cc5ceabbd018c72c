package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64Test {
  @Test
  void encode_randomInputs_matchesJdkAndDecodesBack() throws Exception {
    Random r = new Random(7);
    for (int len = 0; len < 200; len++) {
      byte[] b = new byte[len];
      r.nextBytes(b);
      String s = StrictBase64.encode("p:", b, 0, len);
      assertEquals("p:" + Base64.getEncoder().encodeToString(b), s);
      if (len > 0) {
        assertArrayEquals(b, StrictBase64.decode(s, 2));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ", "QQ=", "QR==", "QUI=x", "QUJ=", "Q===", "QU=I", "====", "QUJD\n", "QUJDé", "QU JD", "QUJD-_=="})
  void decode_nonCanonical_throws(String s) {
    assertThrows(MalformedEnvelopeException.class, () -> StrictBase64.decode(s, 0));
  }

  @Test
  void decode_jdkLenientForms_areRejected() {
    // The JDK decoder accepts "QR==" as 'A' (non-zero unused bits); strict decoding must not.
    assertArrayEquals(new byte[] {'A'}, Base64.getDecoder().decode("QR=="));
    assertThrows(MalformedEnvelopeException.class, () -> StrictBase64.decode("QR==", 0));
  }
}
