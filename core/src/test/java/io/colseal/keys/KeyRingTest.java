package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.KmsException;
import io.colseal.testing.Await;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@OneDatabase(because = "a test of the key ring with an in-memory KMS; the key table only has to exist, and the embedded H2 holds it (KeyLifecycleIT runs on every database)")
class KeyRingTest {
  private TestDatabase db;
  private InMemoryKms kms;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Colseal start(ColsealConfig.Builder b) {
    return Colseal.start(db.dataSource(), b.kmsProvider(kms).build());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  @Test
  void firstUse_sixteenThreadsAtOnce_unwrapOnce() throws Exception {
    String stored;
    try (Colseal first = start(ColsealConfig.builder())) {
      stored = first.textColumn("customers", "email", String.class).encrypt("customer1@example.com");
    }
    int before = kms.unwrapCalls();
    try (Colseal fresh = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> email = fresh.textColumn("customers", "email", String.class);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return email.decrypt(stored);
        }));
      }
      go.countDown();
      for (Future<String> f : results) {
        assertEquals("customer1@example.com", f.get());
      }
      pool.shutdown();
      assertEquals(1, kms.unwrapCalls() - before);
      assertEquals(1, fresh.keyRing().stats().kmsUnwrapCalls());
    }
  }

  @Test
  void cacheTtl_fourFifthsPassed_refreshesOnceInTheBackground() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
    try (Colseal c = start(ColsealConfig.builder().clock(clock).keyCacheTtl(Duration.ofMinutes(5)))) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      String stored = cipher.encrypt("a@example.com");
      assertEquals(0, kms.unwrapCalls());
      clock.advance(Duration.ofMinutes(3));
      cipher.decrypt(stored);
      assertEquals(0, kms.unwrapCalls(), "not yet due: refresh starts at four fifths of the TTL");
      clock.advance(Duration.ofMinutes(3));
      for (int i = 0; i < 10; i++) {
        assertEquals("a@example.com", cipher.decrypt(stored));
      }
      Await.until("the background refresh", () -> c.keyRing().stats().cachedKeys() == 1 && kms.unwrapCalls() == 1);
      for (int i = 0; i < 10; i++) {
        cipher.decrypt(stored);
      }
      assertEquals(1, kms.unwrapCalls(), "one refresh for all uses");
      assertEquals(1, c.keyRing().stats().encryptions());
    }
  }

  @Test
  void autoCreateOff_noKey_errorNamesTableAndCommand() {
    try (Colseal c = start(ColsealConfig.builder().autoCreateKeys(false))) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> cipher.encrypt("x"));
      assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
      assertEquals("customers", e.table());
      assertTrue(e.getMessage().contains("customers") && e.getMessage().contains("colseal.keys.auto-create"), e.getMessage());
      assertEquals(0, kms.generateCalls());
    }
  }

  @Test
  void ensureActiveKeys_autoCreateOff_failsOnFirstMissingTable() {
    try (Colseal c = start(ColsealConfig.builder().autoCreateKeys(false))) {
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
          () -> c.keyRing().ensureActiveKeys(List.of("accounts")));
      assertEquals("accounts", e.table());
    }
  }

  @Test
  void decrypt_unknownKeyVersion_keyNotFoundNamesVersion() {
    try (Colseal c = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      String stored = cipher.encrypt("a@example.com").replace("cs1:01:0000000001:", "cs1:01:0000000009:");
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> cipher.decrypt(stored));
      assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
      assertEquals(9, e.keyVersion());
      assertTrue(e.getMessage().contains("customers") && e.getMessage().contains("9"), e.getMessage());
    }
  }

  @Test
  void decrypt_destroyedKey_keyDestroyed() throws Exception {
    String stored;
    try (Colseal c = start(ColsealConfig.builder())) {
      stored = c.textColumn("customers", "email", String.class).encrypt("a@example.com");
    }
    sql("UPDATE colseal_data_key SET state = 'DESTROYED', wrapped_key = NULL WHERE table_name = 'customers'");
    try (Colseal c = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> cipher.decrypt(stored));
      assertEquals(ErrorCode.KEY_DESTROYED, e.code());
    }
  }

  @Test
  void load_keyCheckValueMismatch_rejected() throws Exception {
    String stored;
    try (Colseal c = start(ColsealConfig.builder())) {
      stored = c.textColumn("customers", "email", String.class).encrypt("a@example.com");
    }
    sql("UPDATE colseal_data_key SET key_check_value = '0000000000000000' WHERE table_name = 'customers'");
    try (Colseal c = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      KmsException e = assertThrows(KmsException.class, () -> cipher.decrypt(stored));
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
      assertTrue(e.getMessage().contains("check value"), e.getMessage());
    }
  }

  @Test
  void wrappedKeyCopiedToAnotherTable_doesNotUnwrap() throws Exception {
    try (Colseal c = start(ColsealConfig.builder())) {
      c.keyRing().ensureActiveKeys(List.of("customers", "suppliers"));
    }
    sql("UPDATE colseal_data_key SET wrapped_key = (SELECT wrapped_key FROM colseal_data_key WHERE table_name = 'customers'),"
        + " key_check_value = (SELECT key_check_value FROM colseal_data_key WHERE table_name = 'customers')"
        + " WHERE table_name = 'suppliers'");
    try (Colseal c = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> cipher = c.textColumn("suppliers", "email", String.class);
      KmsException e = assertThrows(KmsException.class, () -> cipher.encrypt("x"));
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
    }
  }

  @Test
  void kmsOutage_firstUseFailsRetryable_thenRecoversWithoutRestart() {
    try (Colseal c = start(ColsealConfig.builder())) {
      ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
      kms.setAvailable(false);
      KmsException e = assertThrows(KmsException.class, () -> cipher.encrypt("a@example.com"));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
      assertTrue(e.isRetryable());
      kms.setAvailable(true);
      assertEquals("a@example.com", cipher.decrypt(cipher.encrypt("a@example.com")));
    }
  }

  @Test
  void providerMismatch_rejectedWithBothNames() throws Exception {
    try (Colseal c = start(ColsealConfig.builder())) {
      c.keyRing().ensureActiveKeys(List.of("customers"));
    }
    sql("UPDATE colseal_data_key SET kek_provider = 'aws-kms'");
    try (Colseal c = start(ColsealConfig.builder())) {
      KmsException e = assertThrows(KmsException.class, () -> c.keyRing().ensureActiveKeys(List.of("customers")));
      assertTrue(e.getMessage().contains("aws-kms") && e.getMessage().contains("in-memory"), e.getMessage());
    }
  }

  @Test
  void versions_listsCreatedKeyWithoutSecrets() {
    try (Colseal c = start(ColsealConfig.builder())) {
      c.keyRing().ensureActiveKeys(List.of("customers", "accounts"));
      List<KeyVersion> versions = c.keyRing().versions();
      assertEquals(2, versions.size());
      KeyVersion v = versions.get(1);
      assertEquals("customers", v.table());
      assertEquals(1, v.version());
      assertEquals(KeyState.ACTIVE, v.state());
      assertEquals(Algorithm.AES_256_GCM, v.algorithm());
      assertEquals("in-memory-kek", v.kekId());
      assertEquals(16, v.keyCheckValue().length());
      assertTrue(v.activated().isPresent());
      assertFalse(v.toString().contains("wrapped"));
      assertEquals(v, c.keyRing().requireActive("CUSTOMERS"));
    }
  }

  @Test
  void close_thenUse_failsClearly() {
    Colseal c = start(ColsealConfig.builder());
    ColumnCipher<String, String> cipher = c.textColumn("customers", "email", String.class);
    cipher.encrypt("x");
    c.close();
    assertThrows(IllegalStateException.class, () -> cipher.encrypt("y"));
  }
}
