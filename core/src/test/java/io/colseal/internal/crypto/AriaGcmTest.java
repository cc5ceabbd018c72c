package io.colseal.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * ARIA-256-GCM (envelope algorithm 03) as colseal runs it: the published vectors through {@link
 * AriaGcm#open}, the RFC 5794 block known answers through the same provider, and how the provider
 * named by {@code colseal.crypto.aria-provider} is found, used and refused.
 */
class AriaGcmTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int HEADER = EnvelopeFormat.HEADER_LENGTH;

  /**
   * Project Wycheproof's ARIA-GCM group with 256-bit keys, 96-bit IVs and 128-bit tags (65 entries,
   * the RFC 8269 known answer among them; source and commit in the file): each valid entry opens to
   * its message through colseal's own {@code open}, each invalid one does not open.
   */
  @Test
  @SuppressWarnings("unchecked")
  void open_wycheproofAria256Gcm_opensValidAndRejectsInvalid() throws IOException {
    Map<String, Object> group;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("vectors/aria-gcm-wycheproof.json")) {
      group = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    List<Object> tests = (List<Object>) group.get("tests");
    assertEquals(65, tests.size());
    int valid = 0;
    for (Object o : tests) {
      Map<String, Object> t = (Map<String, Object>) o;
      byte[] body = concat(HEX.parseHex((String) t.get("iv")), HEX.parseHex((String) t.get("ct")),
          HEX.parseHex((String) t.get("tag")));
      byte[] opened = AriaGcm.bouncyCastle().open(new DestroyableAesKey(HEX.parseHex((String) t.get("key")), "ARIA"),
          HEX.parseHex((String) t.get("aad")), body, 0, body.length);
      if (t.get("result").equals("valid")) {
        valid++;
        assertArrayEquals(HEX.parseHex((String) t.get("msg")), opened, "tcId " + t.get("tcId"));
      } else {
        assertNull(opened, "tcId " + t.get("tcId") + " must not open");
      }
    }
    assertEquals(38, valid, "38 valid entries, 27 invalid (modified tags)");
  }

  /** RFC 5794 appendix A: ARIA-128/192/256 of 00112233...ff under 000102..., from the engine colseal uses. */
  @Test
  void engine_rfc5794AppendixA_knownAnswers() {
    String[][] kat = {
        {"000102030405060708090a0b0c0d0e0f", "d718fbd6ab644c739da95f3be6451778"},
        {"000102030405060708090a0b0c0d0e0f1011121314151617", "26449c1805dbe7aa25a468ce263a9e79"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "f92bd7c79fb72e2f2b8f80c1972d24fc"}};
    for (String[] k : kat) {
      org.bouncycastle.crypto.engines.ARIAEngine engine = new org.bouncycastle.crypto.engines.ARIAEngine();
      engine.init(true, new org.bouncycastle.crypto.params.KeyParameter(HEX.parseHex(k[0])));
      byte[] out = new byte[16];
      engine.processBlock(HEX.parseHex("00112233445566778899aabbccddeeff"), 0, out, 0);
      assertEquals(k[1], HEX.formatHex(out), k[0].length() * 4 + "-bit key");
    }
  }

  @Test
  void bouncyCastle_describesItselfWithVersion_andIsNotAJcaProvider() {
    String d = AriaGcm.bouncyCastle().describe();
    assertTrue(d.startsWith("BC ") && d.contains("lightweight"), d);
    assertTrue(AriaGcm.bouncyCastle().isBouncyCastle());
    assertNull(Security.getProvider("BC"), "colseal registers no BouncyCastle provider");
  }

  @Test
  void seal_thenOpen_roundTripsAndEveryBitFlipFails() {
    DestroyableAesKey key = new DestroyableAesKey(HEX.parseHex(
        "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"), "ARIA");
    byte[] aad = "header|customers|email".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = "CANARY-aria-customer1@example.com".getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[EnvelopeFormat.BINARY_OVERHEAD + plaintext.length];
    AriaGcm.bouncyCastle().seal(key, aad, plaintext, out);
    int len = out.length - HEADER;
    assertArrayEquals(plaintext, AriaGcm.bouncyCastle().open(key, aad, out, HEADER, len));
    for (int bit = 0; bit < len * 8; bit++) {
      byte[] d = out.clone();
      d[HEADER + bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(AriaGcm.bouncyCastle().open(key, aad, d, HEADER, len), "bit " + bit);
    }
    byte[] otherAad = aad.clone();
    otherAad[0] ^= 1;
    assertNull(AriaGcm.bouncyCastle().open(key, otherAad, out, HEADER, len));
    byte[] again = new byte[out.length];
    AriaGcm.bouncyCastle().seal(key, aad, plaintext, again);
    assertFalse(Arrays.equals(out, again), "a fresh random nonce per value");
  }

  @Test
  void deriveKey_isHkdfWithItsOwnInfo_andDiffersFromTheOtherDerivedKeys() {
    byte[] dek = new byte[32];
    byte[] aria = AriaGcm.deriveKey(dek);
    assertArrayEquals(Hkdf.derive(dek, "colseal/v1/ARIA_256_GCM".getBytes(StandardCharsets.US_ASCII)), aria);
    assertFalse(Arrays.equals(dek, aria), "never the DEK itself");
    assertFalse(Arrays.equals(AesGcmSiv.deriveKey(dek), aria));
  }

  @Test
  void provider_notInstalled_throwsConfigErrorNamingSettingAndProvider() {
    AriaGcm aria = AriaGcm.withProvider("NoSuchKcmvpProvider");
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> aria.requireAvailable("customers", "rrn"));
    assertTrue(e.getMessage().contains("colseal.crypto.aria-provider"), e.getMessage());
    assertTrue(e.getMessage().contains("'NoSuchKcmvpProvider'"), e.getMessage());
    assertTrue(e.getMessage().contains("customers.rrn"), e.getMessage());
  }

  @Test
  void provider_installedWithoutAria_throwsConfigErrorNamingTransformation() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> AriaGcm.withProvider("SunJCE").check());
    assertTrue(e.getMessage().contains("SunJCE") && e.getMessage().contains("ARIA/GCM/NoPadding"), e.getMessage());
  }

  /** A JCA provider of another name that serves ARIA-GCM and counts the ciphers it makes. */
  public static final class CountingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger CIPHERS = new AtomicInteger();

    CountingProvider() {
      super("ColsealTestKcmvp", "9.9", "test provider: BouncyCastle's ARIA-GCM under another name");
      put("Cipher.ARIA/GCM/NoPadding", CountingGcm.class.getName());
    }
  }

  /** BouncyCastle's ARIA-GCM SPI, counted. */
  public static final class CountingGcm extends org.bouncycastle.jcajce.provider.symmetric.ARIA.GCM {
    public CountingGcm() {
      CountingProvider.CIPHERS.incrementAndGet();
    }
  }

  @Test
  void provider_otherInstalledProviderByName_isTheOneThatSeals() {
    Provider installed = new CountingProvider();
    Security.addProvider(installed);
    try {
      AriaGcm aria = AriaGcm.withProvider("ColsealTestKcmvp");
      assertEquals("ColsealTestKcmvp 9.9", aria.describe());
      int before = CountingProvider.CIPHERS.get();
      DestroyableAesKey key = new DestroyableAesKey(new byte[32], "ARIA");
      byte[] out = new byte[EnvelopeFormat.BINARY_OVERHEAD + 3];
      aria.seal(key, new byte[0], new byte[] {1, 2, 3}, out);
      assertTrue(CountingProvider.CIPHERS.get() > before, "the named provider made the cipher");
      byte[] opened = AriaGcm.bouncyCastle().open(key, new byte[0], out, HEADER, out.length - HEADER);
      assertNotNull(opened, "the same ARIA-GCM as BouncyCastle's");
      assertArrayEquals(new byte[] {1, 2, 3}, opened);
    } finally {
      Security.removeProvider(installed.getName());
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
