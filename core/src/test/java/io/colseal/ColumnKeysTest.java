package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.DecryptionException;
import io.colseal.keys.Algorithm;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code colseal.crypto.column-keys}: randomized values sealed with algorithm 04 (AES-256-GCM under
 * a per-column key), read by ciphers with and without the setting; a value moved to another column,
 * table, key version or algorithm fails with a typed error that names them and not the value.
 */
@OneDatabase(because = "a test of the cipher; the key table only has to exist, and the embedded H2 holds it (ColumnKeysJobIT runs the job on every database)")
class ColumnKeysTest {
  private static final String VALUE = "CANARY-column-key-customer1@example.com";
  private TestDatabase db;
  private InMemoryKms kms;
  private Colseal withKeys;
  private Colseal without;

  @BeforeEach
  void start() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    withKeys = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).columnKeys(true).build());
    without = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
  }

  @AfterEach
  void stop() {
    withKeys.close();
    without.close();
    db.close();
  }

  @Test
  void setting_isOffByDefault_andNamedAsDocumented() {
    assertEquals("colseal.crypto.column-keys", ColsealSettings.COLUMN_KEYS.name());
    assertEquals(Algorithm.AES_256_GCM, without.textColumn("customers", "email", String.class).algorithm());
    assertEquals(Algorithm.AES_256_GCM_COLUMN_KEY, withKeys.textColumn("customers", "email", String.class).algorithm());
    assertEquals(Algorithm.AES_256_GCM_SIV,
        withKeys.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC).algorithm(),
        "deterministic columns keep algorithm 02");
  }

  @Test
  void encrypt_textAndBinary_writeAlgorithm04_andRoundTrip() {
    ColumnCipher<String, String> email = withKeys.textColumn("customers", "email", String.class);
    String stored = email.encrypt(VALUE);
    assertTrue(stored.startsWith("cs1:04:0000000001:"), stored);
    assertTrue(stored.startsWith(email.envelopePrefix(1)));
    assertEquals(EnvelopeHeaders.text(Algorithm.AES_256_GCM_COLUMN_KEY, 1), email.envelopePrefix(1));
    assertTrue(EnvelopeHeaders.isWellFormed(stored));
    assertEquals(VALUE, email.decrypt(stored));
    assertFalse(stored.equals(email.encrypt(VALUE)), "randomized: a fresh nonce per value");

    ColumnCipher<LocalDate, byte[]> born = withKeys.binaryColumn("customers", "born", LocalDate.class);
    byte[] b = born.encrypt(LocalDate.of(1990, 10, 31));
    assertArrayEquals(EnvelopeHeaders.binary(Algorithm.AES_256_GCM_COLUMN_KEY, 1), Arrays.copyOf(b, 8));
    assertEquals(36 + 8, b.length, "the size of algorithm 01");
    assertEquals(LocalDate.of(1990, 10, 31), born.decrypt(b));

    ColumnCipher<BigDecimal, String> balance = withKeys.textColumn("accounts", "balance", BigDecimal.class);
    assertEquals(new BigDecimal("-0.001"), balance.decrypt(balance.encrypt(new BigDecimal("-0.001"))));
    assertEquals("", email.decrypt(email.encrypt("")));
  }

  @Test
  void ciphers_withAndWithoutColumnKeys_readEachOthersValues() {
    ColumnCipher<String, String> a = withKeys.textColumn("customers", "email", String.class);
    ColumnCipher<String, String> b = without.textColumn("customers", "email", String.class);
    String v04 = a.encrypt(VALUE);
    String v01 = b.encrypt(VALUE);
    assertTrue(v01.startsWith("cs1:01:"), v01);
    assertEquals(VALUE, b.decrypt(v04), "a reader without the setting opens 04 (rolling deploy)");
    assertEquals(VALUE, a.decrypt(v01), "a reader with the setting opens 01 (values written before)");
    assertEquals(VALUE, a.decrypt(a.reencrypt(v01)));
    assertTrue(a.reencrypt(v01).startsWith("cs1:04:"), "re-encryption writes the cipher's algorithm");
  }

  @Test
  void value_movedToAnotherColumnOrTable_failsNamingThemNotTheValue() {
    String stored = withKeys.textColumn("customers", "email", String.class).encrypt(VALUE);
    withKeys.textColumn("orders", "email", String.class).encrypt("x"); // orders has a version 1 too
    for (ColumnCipher<String, String> other : List.of(withKeys.textColumn("customers", "phone", String.class),
        withKeys.textColumn("orders", "email", String.class), without.textColumn("customers", "phone", String.class))) {
      DecryptionException e = assertThrows(DecryptionException.class, () -> other.decrypt(stored));
      assertTrue(e.getMessage().contains(other.table() + "." + other.column()), e.getMessage());
      assertTrue(e.getMessage().contains("1"), "names the key version: " + e.getMessage());
      assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
    }
  }

  @Test
  void header_relabelled_failsAuthentication() {
    ColumnCipher<String, byte[]> email = withKeys.binaryColumn("customers", "email", String.class);
    email.encrypt("x"); // version 1
    withKeys.keyRing().rotate("customers"); // version 2, with version 1's DEK still loaded
    byte[] stored = email.encrypt(VALUE);
    assertEquals(2, stored[7]);
    byte[] as01 = stored.clone();
    as01[3] = 0x01;
    byte[] asV1 = stored.clone();
    asV1[7] = 1;
    byte[] as02 = stored.clone();
    as02[3] = 0x02;
    for (byte[] bad : List.of(as01, asV1, as02)) {
      assertThrows(DecryptionException.class, () -> email.decrypt(bad), () -> Arrays.toString(Arrays.copyOf(bad, 8)));
    }
    String text = "cs1:01:0000000002:" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(stored, 8, stored.length));
    assertThrows(DecryptionException.class, () -> withKeys.textColumn("customers", "email", String.class).decrypt(text));
  }

  @Test
  void rotation_newValuesUnderTheNewVersion_oldOnesStillOpen() {
    ColumnCipher<String, String> email = withKeys.textColumn("customers", "email", String.class);
    String old = email.encrypt(VALUE);
    withKeys.keyRing().rotate("customers");
    String fresh = email.encrypt(VALUE);
    assertTrue(fresh.startsWith("cs1:04:0000000002:"), fresh);
    assertEquals(VALUE, email.decrypt(old));
    assertEquals(VALUE, email.decrypt(fresh));
  }

  @Test
  void manyColumns_manyThreads_everyValueOpensInItsOwnColumnOnly() throws Exception {
    int columns = 40; // more than the ciphers a thread keeps
    List<ColumnCipher<String, String>> ciphers = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      ciphers.add(withKeys.textColumn("wide", "c" + c, String.class));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int thread = t;
        done.add(pool.submit(() -> {
          int checked = 0;
          for (int round = 0; round < 20; round++) {
            for (int c = 0; c < columns; c++) {
              int col = (c * 7 + thread) % columns;
              String value = "t" + thread + " r" + round + " c" + col;
              String stored = ciphers.get(col).encrypt(value);
              assertEquals(value, ciphers.get(col).decrypt(stored));
              ColumnCipher<String, String> next = ciphers.get((col + 1) % columns);
              assertThrows(DecryptionException.class, () -> next.decrypt(stored));
              checked++;
            }
          }
          return checked;
        }));
      }
      for (Future<Integer> f : done) {
        assertEquals(20 * columns, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
