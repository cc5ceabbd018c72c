package io.colseal.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.keys.Algorithm;
import io.colseal.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AES-GCM-SIV as colseal builds it: the RFC 8452 Appendix C test vectors (128- and 256-bit keys and
 * the counter-wrap tests, {@code vectors/rfc8452-aes-gcm-siv.json}) through the cipher {@link
 * AesGcmSiv#newCipher()} returns; the HKDF derivation and a whole deterministic envelope against
 * values computed independently (Python {@code cryptography}: HKDF, AESGCMSIV).
 */
class AesGcmSivTest {
  private static final HexFormat HEX = HexFormat.of();
  /** The published test DEK of key version 1 in ciphertext-format.md. */
  private static final byte[] TEST_DEK = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rfcVectors() throws IOException {
    try (InputStream in = AesGcmSivTest.class.getResourceAsStream("/vectors/rfc8452-aes-gcm-siv.json")) {
      Map<String, Object> root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return (List<Map<String, Object>>) root.get("vectors");
    }
  }

  private static byte[] hex(Map<String, Object> v, String field) {
    return HEX.parseHex((String) v.get(field));
  }

  private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input)
      throws InvalidCipherTextException {
    GCMSIVBlockCipher c = AesGcmSiv.newCipher();
    c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce));
    c.processAADBytes(aad, 0, aad.length);
    byte[] out = new byte[c.getOutputSize(input.length)];
    int n = c.processBytes(input, 0, input.length, out, 0);
    n += c.doFinal(out, n);
    assertEquals(out.length, n);
    return out;
  }

  @Test
  void rfc8452Vectors_coverEveryAppendixCSection() throws IOException {
    List<Map<String, Object>> all = rfcVectors();
    assertEquals(24, all.stream().filter(v -> ((String) v.get("id")).startsWith("C.1-")).count());
    assertEquals(24, all.stream().filter(v -> ((String) v.get("id")).startsWith("C.2-")).count());
    assertEquals(2, all.stream().filter(v -> ((String) v.get("id")).startsWith("C.3-")).count());
  }

  @TestFactory
  Stream<DynamicTest> encrypt_rfc8452Vector_givesResult() throws IOException {
    return rfcVectors().stream().map(v -> DynamicTest.dynamicTest((String) v.get("id"), () ->
        assertEquals(v.get("result"), HEX.formatHex(
            run(true, hex(v, "key"), hex(v, "nonce"), hex(v, "aad"), hex(v, "plaintext"))))));
  }

  @TestFactory
  Stream<DynamicTest> decrypt_rfc8452Vector_givesPlaintext() throws IOException {
    return rfcVectors().stream().map(v -> DynamicTest.dynamicTest((String) v.get("id"), () ->
        assertEquals(v.get("plaintext"), HEX.formatHex(
            run(false, hex(v, "key"), hex(v, "nonce"), hex(v, "aad"), hex(v, "result"))))));
  }

  @TestFactory
  Stream<DynamicTest> decrypt_rfc8452VectorEveryBitFlipped_fails() throws IOException {
    return rfcVectors().stream().map(v -> DynamicTest.dynamicTest((String) v.get("id"), () -> {
      byte[] result = hex(v, "result");
      for (int bit = 0; bit < result.length * 8; bit++) {
        byte[] m = result.clone();
        m[bit / 8] ^= (byte) (1 << (bit % 8));
        int b = bit;
        assertThrows(InvalidCipherTextException.class,
            () -> run(false, hex(v, "key"), hex(v, "nonce"), hex(v, "aad"), m), () -> "bit " + b);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> decrypt_rfc8452VectorOtherAad_fails() throws IOException {
    return rfcVectors().stream().map(v -> DynamicTest.dynamicTest((String) v.get("id"), () -> {
      byte[] aad = hex(v, "aad");
      byte[] other = java.util.Arrays.copyOf(aad, aad.length + 1);
      assertThrows(InvalidCipherTextException.class,
          () -> run(false, hex(v, "key"), hex(v, "nonce"), other, hex(v, "result")));
    }));
  }

  @Test
  void deriveKey_testDek_matchesIndependentHkdfSha256() {
    assertEquals("ab2e7e65c058c3b397bae710232b9742c7179e6e6112648480186d164b2cdc53",
        HEX.formatHex(AesGcmSiv.deriveKey(TEST_DEK)));
  }

  @Test
  void deriveKey_isNotTheDek() {
    assertNotEquals(HEX.formatHex(TEST_DEK), HEX.formatHex(AesGcmSiv.deriveKey(TEST_DEK)));
  }

  private static DataKey testKey(int version) {
    return new DataKey("customers", version, Algorithm.AES_256_GCM, new DestroyableAesKey(TEST_DEK.clone()),
        Long.MAX_VALUE);
  }

  @Test
  void sealText_deterministicTestKey_matchesIndependentComputation() {
    ColumnSealer sealer = new ColumnSealer("customers", "email");
    byte[] plain = "alice@example.com".getBytes(StandardCharsets.UTF_8);
    assertEquals("cs1:02:0000000001:WrjisKcBFIQRK+qe7UZi6zzcQryyanT1LS2wWRr47cMe",
        sealer.sealText(testKey(1), Algorithm.AES_256_GCM_SIV, plain));
    assertEquals("63730102000000015ab8e2b0a7011484112bea9eed4662eb3cdc42bcb26a74f52d2db0591af8edc31e",
        HEX.formatHex(sealer.sealBinary(testKey(1), Algorithm.AES_256_GCM_SIV, plain)));
  }

  @Test
  void sealText_deterministicEmptyValue_isHeaderAndTagOnly() {
    String env = new ColumnSealer("customers", "email").sealText(testKey(1), Algorithm.AES_256_GCM_SIV, new byte[0]);
    assertEquals("cs1:02:0000000001:QjdLvV8xbb02B5o+qqMObQ==", env);
  }

  @Test
  void sealBinary_deterministic_sameInputSameEnvelopeAndNoNonceStored() {
    ColumnSealer sealer = new ColumnSealer("customers", "email");
    byte[] plain = new byte[64];
    byte[] a = sealer.sealBinary(testKey(1), Algorithm.AES_256_GCM_SIV, plain);
    byte[] b = sealer.sealBinary(testKey(1), Algorithm.AES_256_GCM_SIV, plain);
    assertArrayEquals(a, b);
    assertEquals(EnvelopeFormat.SIV_BINARY_OVERHEAD + 64, a.length);
  }

  @Test
  void openBinary_deterministic_roundTripsAcrossAlternatingKeysOnOneThread() throws Exception {
    ColumnSealer sealer = new ColumnSealer("customers", "email");
    DataKey v1 = testKey(1);
    DataKey v3 = new DataKey("customers", 3, Algorithm.AES_256_GCM,
        new DestroyableAesKey(HEX.parseHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f")),
        Long.MAX_VALUE);
    for (int i = 0; i < 5; i++) {
      byte[] plain = ("value " + i).getBytes(StandardCharsets.UTF_8);
      byte[] e1 = sealer.sealBinary(v1, Algorithm.AES_256_GCM_SIV, plain);
      byte[] e3 = sealer.sealBinary(v3, Algorithm.AES_256_GCM_SIV, plain);
      assertArrayEquals(plain, sealer.openBinary(e1, v -> v == 1 ? v1 : v3));
      assertArrayEquals(plain, sealer.openBinary(e3, v -> v == 1 ? v1 : v3));
    }
  }

  @Test
  void openBinary_deterministicEnvelopeRelabelledAsGcm_isNotAuthentic() throws Exception {
    ColumnSealer sealer = new ColumnSealer("customers", "email");
    byte[] env = sealer.sealBinary(testKey(1), Algorithm.AES_256_GCM_SIV, new byte[40]);
    env[3] = Algorithm.AES_256_GCM.id();
    assertNull(sealer.openBinary(env, v -> testKey(1)));
  }

  @Test
  void destroy_dataKey_zeroesDerivedKeyAndRefusesFurtherDeterministicUse() {
    DataKey k = testKey(1);
    AesGcmSiv.SivKey derived = k.sivKey();
    k.destroy();
    assertTrue(k.jceKey().isDestroyed());
    assertTrue(derived.isDestroyed());
    assertThrows(IllegalStateException.class,
        () -> new ColumnSealer("t", "c").sealBinary(k, Algorithm.AES_256_GCM_SIV, new byte[1]));
  }

  @Test
  void destroy_dataKeyNeverUsedDeterministically_refusesDeterministicUse() {
    DataKey k = testKey(1);
    k.destroy();
    assertThrows(IllegalStateException.class,
        () -> new ColumnSealer("t", "c").sealBinary(k, Algorithm.AES_256_GCM_SIV, new byte[1]));
  }

  @Test
  void sivKey_calledTwice_derivesOnce() {
    DataKey k = testKey(1);
    assertTrue(k.sivKey() == k.sivKey());
  }

  @Test
  void toString_neverContainsKeyBytes() {
    DataKey k = testKey(1);
    String derived = HEX.formatHex(AesGcmSiv.deriveKey(TEST_DEK));
    assertTrue(!k.toString().contains(derived) && !k.sivKey().toString().contains(derived));
    assertEquals("SivKey[redacted]", k.sivKey().toString());
  }
}
