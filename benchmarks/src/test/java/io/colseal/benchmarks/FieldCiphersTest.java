package io.colseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A benchmark of a broken cipher measures nothing: every implementation must round-trip. */
class FieldCiphersTest {
  @ParameterizedTest
  @ValueSource(strings = {"jce-floor", "jce-floor-aad", "colseal-binary", "colseal-text", FieldCiphers.COLUMN_KEYS_BINARY,
      FieldCiphers.COLUMN_KEYS_TEXT_STRING, FieldCiphers.ROW_BOUND_TEXT_STRING, "tink", "jasypt-pbe", "jasypt-aes256",
      "aws-esdk"})
  void roundTrip_everyImplementation_returnsThePlaintextAndEncryptsFreshly(String impl) throws Exception {
    for (int size : new int[] {16, 64, 1024}) {
      try (FieldCipher c = FieldCiphers.create(impl, size)) {
        Object first = c.encrypt();
        Object second = c.encrypt();
        assertNotEquals(render(first), render(second), impl + ": two encryptions must differ");
        Object a = c.decrypt(first);
        Object b = c.decrypt(second);
        if (a instanceof byte[] bytes) {
          assertEquals(size, bytes.length);
          assertArrayEquals(bytes, (byte[]) b);
        } else {
          assertEquals(size, ((String) a).length());
          assertEquals(a, b);
        }
      }
    }
  }

  private static String render(Object o) {
    return o instanceof byte[] b ? Arrays.toString(b) : String.valueOf(o);
  }
}
