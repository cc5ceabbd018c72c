package io.colseal.internal.crypto;

import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.SecretKeyMaterial;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key check value: the first 8 bytes of HMAC-SHA-256(key, "colseal key check value v1"), as 16
 * lower-case hex digits. It identifies a data key without revealing it, and detects a wrapped key
 * that unwrapped to a different key than the one recorded. (Encrypting a zero block, the legacy
 * KCV, is avoided on purpose: for a GCM key that block is the GHASH subkey.)
 */
public final class KeyCheckValue {
  private static final byte[] LABEL = "colseal key check value v1".getBytes(StandardCharsets.US_ASCII);

  private KeyCheckValue() {}

  public static String of(SecretKeyMaterial key) {
    byte[] k = key.exposeBytes(InsecureKeyAccess.get());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      byte[] full = mac.doFinal(LABEL);
      return HexFormat.of().formatHex(full, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
