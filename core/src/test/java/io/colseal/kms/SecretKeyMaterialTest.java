package io.colseal.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretKeyMaterialTest {
  private static byte[] canaryKey() {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) 0x5A);
    return k;
  }

  @Test
  void toString_neverContainsKeyBytes() {
    SecretKeyMaterial m = SecretKeyMaterial.copyOf(canaryKey());
    assertEquals("SecretKeyMaterial[AES-256, redacted]", m.toString());
    assertFalse(m.toString().toLowerCase().contains("5a5a"));
  }

  @Test
  void copyOf_keepsOwnCopy() {
    byte[] k = canaryKey();
    SecretKeyMaterial m = SecretKeyMaterial.copyOf(k);
    Arrays.fill(k, (byte) 0);
    assertArrayEquals(canaryKey(), m.exposeBytes(InsecureKeyAccess.get()));
  }

  @Test
  void close_zeroesAndForbidsExposure() {
    byte[] owned = canaryKey();
    SecretKeyMaterial m = SecretKeyMaterial.adopt(owned);
    m.close();
    assertTrue(m.isClosed());
    assertEquals("0".repeat(64), HexFormat.of().formatHex(owned));
    assertThrows(IllegalStateException.class, () -> m.exposeBytes(InsecureKeyAccess.get()));
  }

  @Test
  void exposeBytes_returnsFreshCopy() {
    SecretKeyMaterial m = SecretKeyMaterial.copyOf(canaryKey());
    byte[] a = m.exposeBytes(InsecureKeyAccess.get());
    a[0] = 1;
    assertArrayEquals(canaryKey(), m.exposeBytes(InsecureKeyAccess.get()));
  }

  @Test
  void copyOf_wrongLength_throws() {
    assertThrows(IllegalArgumentException.class, () -> SecretKeyMaterial.copyOf(new byte[16]));
  }
}
