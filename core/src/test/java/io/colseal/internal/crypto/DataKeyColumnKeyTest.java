package io.colseal.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The column keys a data key derives, caches and destroys (algorithm 04). */
class DataKeyColumnKeyTest {
  private static final byte[] DEK = HexFormat.of().parseHex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  private static DataKey key(int version) {
    return new DataKey("customers", version, Algorithm.AES_256_GCM, new DestroyableAesKey(DEK.clone()), Long.MAX_VALUE);
  }

  @Test
  void columnKey_isRfc5869HkdfOverHeaderAndBinding() throws Exception {
    DataKey key = key(1);
    ColumnBinding binding = new ColumnBinding("\"Customers\"", "EMAIL");
    // HKDF written out from the format document: PRK = HMAC(0^32, DEK); T(1) = HMAC(PRK, info | 01).
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] prk = mac.doFinal(DEK);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update("colseal/v1/AES_256_GCM_COLUMN_KEY".getBytes(StandardCharsets.US_ASCII));
    mac.update(HexFormat.of().parseHex("6373010400000001"));
    mac.update(HexFormat.of().parseHex("0009637573746f6d6572730005656d61696c")); // customers, email
    mac.update((byte) 1);
    assertArrayEquals(mac.doFinal(), key.columnKey(binding).getEncoded());
  }

  @Test
  void columnKey_cachedPerBindingContent_distinctPerColumnAndVersion() {
    DataKey v1 = key(1);
    DestroyableAesKey email = v1.columnKey(new ColumnBinding("customers", "email"));
    assertSame(email, v1.columnKey(new ColumnBinding("CUSTOMERS", "Email")), "one key per column, however many sealers");
    DestroyableAesKey phone = v1.columnKey(new ColumnBinding("customers", "phone"));
    assertNotSame(email, phone);
    assertTrue(!java.util.Arrays.equals(email.getEncoded(), phone.getEncoded()), "another column, another key");
    byte[] v2 = key(2).columnKey(new ColumnBinding("customers", "email")).getEncoded();
    assertTrue(!java.util.Arrays.equals(email.getEncoded(), v2), "same DEK bytes, another version: another key");
  }

  @Test
  void destroy_destroysEveryColumnKey_andRefusesNewOnes() {
    DataKey key = key(1);
    DestroyableAesKey email = key.columnKey(new ColumnBinding("customers", "email"));
    DestroyableAesKey phone = key.columnKey(new ColumnBinding("customers", "phone"));
    key.destroy();
    assertTrue(email.isDestroyed() && phone.isDestroyed());
    assertThrows(IllegalStateException.class, email::getEncoded);
    assertThrows(IllegalStateException.class, () -> key.columnKey(new ColumnBinding("customers", "name")));
  }

  @Test
  void columnKey_ofAnHmacKey_isRefused() {
    DataKey hmac = new DataKey("customers#bidx", 1, Algorithm.HMAC_SHA_256, new DestroyableAesKey(DEK.clone()),
        Long.MAX_VALUE);
    assertThrows(IllegalStateException.class, () -> hmac.columnKey(new ColumnBinding("customers", "email")));
  }

  @Test
  void sealer_moreColumnsThanCiphersPerThread_everyValueOpens() throws Exception {
    DataKey key = key(1);
    int columns = AesGcm.CIPHERS * 2 + 3;
    ColumnSealer[] sealers = new ColumnSealer[columns];
    byte[][] sealed = new byte[columns][];
    for (int round = 0; round < 3; round++) {
      for (int c = 0; c < columns; c++) {
        sealers[c] = sealers[c] != null ? sealers[c] : new ColumnSealer("customers", "c" + c);
        byte[] plain = ("value of c" + c + " round " + round).getBytes(StandardCharsets.UTF_8);
        sealed[c] = sealers[c].sealBinary(key, Algorithm.AES_256_GCM_COLUMN_KEY, plain);
      }
      for (int c = columns - 1; c >= 0; c--) { // the other way round: every lookup misses the front
        byte[] plain = ("value of c" + c + " round " + round).getBytes(StandardCharsets.UTF_8);
        final int col = c;
        assertArrayEquals(plain, sealers[c].openBinary(sealed[c], v -> key), () -> "column c" + col);
        int other = (c + 1) % columns;
        assertTrue(sealers[other].openBinary(sealed[c], v -> key) == null, "c" + c + " opened as c" + other);
      }
    }
  }
}
