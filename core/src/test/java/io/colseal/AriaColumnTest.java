package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.DecryptionException;
import io.colseal.keys.Algorithm;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARIA-256-GCM columns (envelope algorithm 03) through {@link ColumnCipher}: chosen per column or by
 * {@code colseal.crypto.default-algorithm}, read by AES ciphers and the other way round, refused for
 * deterministic and row-bound columns and when the provider is missing, failing with typed errors
 * that name the column and version, never the value.
 */
@OneDatabase(because = "a test of the cipher; the key table only has to exist, and the embedded H2 holds it (AriaColumnIT runs JDBC round trips on every database)")
class AriaColumnTest {
  private static final String VALUE = "CANARY-aria-900101-1234567";
  private TestDatabase db;
  private InMemoryKms kms;
  private Colseal aes;
  private Colseal aria;

  @BeforeEach
  void start() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    aes = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
    aria = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms)
        .defaultAlgorithm(ColumnAlgorithm.ARIA_256_GCM).build());
  }

  @AfterEach
  void stop() {
    aes.close();
    aria.close();
    db.close();
  }

  @Test
  void settings_namedAsDocumented_defaultsAesAndBouncyCastle() {
    assertEquals("colseal.crypto.default-algorithm", ColsealSettings.DEFAULT_ALGORITHM.name());
    assertEquals("colseal.crypto.aria-provider", ColsealSettings.ARIA_PROVIDER.name());
    assertEquals("colseal.crypto.kcmvp-certificate", ColsealSettings.KCMVP_CERTIFICATE.name());
    ColsealConfig defaults = ColsealConfig.builder().kmsProvider(kms).build();
    assertEquals(ColumnAlgorithm.AES_256_GCM, defaults.defaultAlgorithm());
    assertEquals("BC", defaults.ariaProvider());
    assertEquals(ColumnAlgorithm.ARIA_256_GCM, ColsealConfig.builder().kmsProvider(kms)
        .setting("colseal.crypto.default-algorithm", "aria-256-gcm").build().defaultAlgorithm());
    assertThrows(ColsealConfigException.class, () -> ColsealConfig.builder()
        .setting("colseal.crypto.default-algorithm", "default").build());
  }

  @Test
  void defaultAlgorithmAria_textAndBinary_writeAlgorithm03_andRoundTrip() {
    ColumnCipher<String, String> rrn = aria.textColumn("customers", "rrn", String.class);
    assertEquals(Algorithm.ARIA_256_GCM, rrn.algorithm());
    String stored = rrn.encrypt(VALUE);
    assertTrue(stored.startsWith("cs1:03:0000000001:"), stored);
    assertTrue(EnvelopeHeaders.isWellFormed(stored));
    assertEquals(VALUE, rrn.decrypt(stored));
    assertFalse(stored.equals(rrn.encrypt(VALUE)), "randomized: a fresh nonce per value");
    assertEquals("", rrn.decrypt(rrn.encrypt("")));

    ColumnCipher<LocalDate, byte[]> born = aria.binaryColumn("customers", "born", LocalDate.class);
    byte[] b = born.encrypt(LocalDate.of(1990, 10, 31));
    assertArrayEquals(EnvelopeHeaders.binary(Algorithm.ARIA_256_GCM, 1), Arrays.copyOf(b, 8));
    assertEquals(36 + 8, b.length, "the size of algorithm 01");
    assertEquals(LocalDate.of(1990, 10, 31), born.decrypt(b));
  }

  @Test
  void perColumnChoice_overridesTheDefault_bothWays() {
    assertEquals(Algorithm.ARIA_256_GCM, aes.textColumn("customers", "rrn", String.class, EncryptionMode.RANDOMIZED,
        ColumnAlgorithm.ARIA_256_GCM).algorithm());
    assertEquals(Algorithm.AES_256_GCM, aria.textColumn("customers", "rrn", String.class, EncryptionMode.RANDOMIZED,
        ColumnAlgorithm.AES_256_GCM).algorithm());
    assertEquals(Algorithm.AES_256_GCM, aes.textColumn("customers", "rrn", String.class).algorithm());
  }

  @Test
  void aesAndAriaCiphers_readEachOthersValues_andReencryptMovesThem() {
    ColumnCipher<String, String> a = aes.textColumn("customers", "rrn", String.class);
    ColumnCipher<String, String> r = aria.textColumn("customers", "rrn", String.class);
    String v01 = a.encrypt(VALUE);
    String v03 = r.encrypt(VALUE);
    assertEquals(VALUE, a.decrypt(v03), "an AES reader opens 03");
    assertEquals(VALUE, r.decrypt(v01), "an ARIA reader opens 01");
    String moved = r.reencrypt(v01);
    assertTrue(moved.startsWith("cs1:03:"), moved);
    String back = a.reencrypt(moved);
    assertTrue(back.startsWith("cs1:01:"), back);
    assertEquals(VALUE, a.decrypt(back));
  }

  @Test
  void value_movedToAnotherColumn_orRelabelledAes_failsNamingColumnAndVersionNotValue() {
    String stored = aria.textColumn("customers", "rrn", String.class).encrypt(VALUE);
    ColumnCipher<String, String> other = aria.textColumn("customers", "phone", String.class);
    DecryptionException e = assertThrows(DecryptionException.class, () -> other.decrypt(stored));
    assertTrue(e.getMessage().contains("customers.phone"), e.getMessage());
    assertTrue(e.getMessage().contains("1"), e.getMessage());
    assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
    String as01 = "cs1:01:" + stored.substring(7);
    assertThrows(DecryptionException.class, () -> aes.textColumn("customers", "rrn", String.class).decrypt(as01));
  }

  @Test
  void deterministicOrRowBound_withAria_refusedNamingTheColumn() {
    ColsealConfigException det = assertThrows(ColsealConfigException.class, () -> aes.textColumn("customers", "rrn",
        String.class, EncryptionMode.DETERMINISTIC, ColumnAlgorithm.ARIA_256_GCM));
    assertTrue(det.getMessage().contains("customers.rrn") && det.getMessage().contains("ARIA"), det.getMessage());
    ColumnCipher<String, String> r = aria.textColumn("customers", "rrn", String.class);
    ColsealConfigException bound = assertThrows(ColsealConfigException.class, r::withRowBinding);
    assertTrue(bound.getMessage().contains("customers.rrn"), bound.getMessage());
    assertEquals(Algorithm.AES_256_GCM_SIV, aria.textColumn("customers", "rrn", String.class,
        EncryptionMode.DETERMINISTIC).algorithm(), "a deterministic column that does not choose stays AES-GCM-SIV");
  }

  @Test
  void providerNotInstalled_failsAtStartNamingSettingAndProvider() {
    ColsealConfig config = ColsealConfig.builder().kmsProvider(kms).defaultAlgorithm(ColumnAlgorithm.ARIA_256_GCM)
        .ariaProvider("NoSuchKcmvpProvider").build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> Colseal.start(db.dataSource(), config));
    assertTrue(e.getMessage().contains("colseal.crypto.aria-provider"), e.getMessage());
    assertTrue(e.getMessage().contains("NoSuchKcmvpProvider"), e.getMessage());
  }

  @Test
  void ariaValues_sharesTheVersionsUsageCountWithAes() {
    ColumnCipher<String, String> r = aria.textColumn("customers", "rrn", String.class);
    r.encrypt("a");
    aria.keyRing().rotate("customers");
    String fresh = r.encrypt(VALUE);
    assertTrue(fresh.startsWith("cs1:03:0000000002:"), fresh);
    assertEquals(VALUE, aes.textColumn("customers", "rrn", String.class).decrypt(fresh));
  }
}
