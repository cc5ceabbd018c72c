package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A KMS outage with the in-memory KMS (the same against moto_server: kms-aws {@code KmsOutageIT}):
 * keys already unwrapped go on working, also past their cache TTL; what needs the KMS fails with the
 * retryable error; nothing is stored; service resumes by itself. Past {@code colseal.keys.max-stale}
 * a key that could not be refreshed fails with {@code KEY_DISABLED}.
 */
@OneDatabase(because = "an outage of the in-memory KMS; the key table only has to exist, and the embedded H2 holds it (kms-aws KmsOutageIT runs on every database)")
class KmsOutageTest {
  private TestDatabase db;
  private InMemoryKms kms;
  private MutableClock clock;
  private Colseal app;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    Raw.update(db, "CREATE TABLE orders (id INT PRIMARY KEY, card VARCHAR(500))");
    kms = new InMemoryKms();
    clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    app = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock).build());
  }

  @AfterEach
  void tearDown() {
    app.close();
    db.close();
  }

  @Test
  void cachedKeysKeepWorking_newKeysFailRetryably_nothingStored_recoveryIsAutomatic() throws Exception {
    ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
    String before = email.encrypt("before@example.com");
    kms.setAvailable(false);

    // Past the cache TTL the key is kept (and the KMS retried later), not dropped.
    clock.advance(Duration.ofMinutes(6));
    String during = email.encrypt("during@example.com");
    assertEquals("before@example.com", email.decrypt(before));
    assertEquals("during@example.com", email.decrypt(during));

    ColumnCipher<String, String> card = app.textColumn("orders", "card", String.class);
    KmsException e = assertThrows(KmsException.class, () ->
        Raw.update(db, "INSERT INTO orders (id, card) VALUES (?, ?)", 1, card.encrypt("4111111111111111")));
    assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
    assertTrue(e.isRetryable());
    assertTrue(e.getMessage().startsWith("KMS_UNAVAILABLE"), e.getMessage());
    assertTrue(!e.getMessage().contains("4111111111111111"), e.getMessage());
    assertEquals(List.of(), Raw.values(db, "orders", "card", "1 = 1"), "nothing stored");
    assertEquals(List.of(), Raw.values(db, "colseal_data_key", "key_version", "table_name = 'orders'"));

    Await.until("the failed refresh of the customers key", () -> app.keyRing().stats().keyRefreshFailures() == 1);
    kms.setAvailable(true);
    Raw.update(db, "INSERT INTO orders (id, card) VALUES (?, ?)", 1, card.encrypt("4111111111111111"));
    assertEquals("4111111111111111", card.decrypt((String) Raw.value(db, "orders", "card", "id = 1")));
    int unwrapsBefore = kms.unwrapCalls();
    // The customers key is refreshed in the background at the next use after the retry backoff.
    clock.advance(Duration.ofSeconds(31));
    assertEquals("during@example.com", email.decrypt(during));
    Await.until("the background refresh after the outage", () -> kms.unwrapCalls() - unwrapsBefore == 1);
  }

  @Test
  void refreshFails_isCountedAndTheCachedKeyStaysInUse() {
    ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
    String before = email.encrypt("before@example.com");
    kms.setAvailable(false);
    clock.advance(Duration.ofMinutes(6)); // past the 5-minute TTL

    assertEquals("before@example.com", email.decrypt(before)); // starts a refresh, which fails
    Await.until("the failed refresh is counted", () -> app.keyRing().stats().keyRefreshFailures() == 1);
    assertEquals("during@example.com", email.decrypt(email.encrypt("during@example.com")));
    assertEquals(1, app.keyRing().stats().keyRefreshFailures(), "retried only after the backoff");
    assertEquals(1, app.keyRing().stats().cachedKeys());
  }

  @Test
  void pastMaxStale_failsWithKeyUnavailableNamingTableAndVersion_thenRecovers() {
    ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
    String before = email.encrypt("before@example.com");
    kms.setAvailable(false);
    clock.advance(Duration.ofMinutes(6));
    email.decrypt(before);
    Await.until("the failed refresh", () -> app.keyRing().stats().keyRefreshFailures() == 1);

    clock.advance(Duration.ofHours(1)); // TTL + max-stale (default PT1H) have passed
    KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email.decrypt(before));
    assertEquals(ErrorCode.KEY_DISABLED, e.code());
    assertEquals("customers", e.table());
    assertEquals(1, e.keyVersion());
    assertTrue(e.getMessage().contains("customers v1") && e.getMessage().contains("colseal.keys.max-stale"),
        e.getMessage());
    assertTrue(e.getCause() instanceof KmsException k && k.code() == ErrorCode.KMS_UNAVAILABLE, String.valueOf(e.getCause()));
    assertThrows(KeyUnavailableException.class, () -> email.encrypt("x@example.com"), "encryptions fail too");
    assertEquals(0, app.keyRing().stats().cachedKeys(), "the key left memory");

    Await.until("the refresh started by the first failure above", () -> app.keyRing().stats().keyRefreshFailures() == 2);
    kms.setAvailable(true);
    clock.advance(Duration.ofSeconds(31)); // past the retry backoff
    assertThrows(KeyUnavailableException.class, () -> email.decrypt(before)); // starts the background refresh
    Await.until("the background refresh", () -> app.keyRing().stats().cachedKeys() == 1);
    assertEquals("before@example.com", email.decrypt(before));
  }

  @Test
  void maxStaleZero_expiredKeyFailsOnceItsRefreshFailed() {
    try (Colseal strict = Colseal.start(db.dataSource(),
        ColsealConfig.builder().kmsProvider(kms).clock(clock).keyMaxStale(Duration.ZERO).build())) {
      ColumnCipher<String, String> email = strict.textColumn("customers", "email", String.class);
      String before = email.encrypt("before@example.com");
      kms.setAvailable(false);
      clock.advance(Duration.ofSeconds(270)); // due for refresh, not yet expired
      assertEquals("before@example.com", email.decrypt(before));
      Await.until("the failed refresh", () -> strict.keyRing().stats().keyRefreshFailures() == 1);
      clock.advance(Duration.ofSeconds(30)); // expired
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email.decrypt(before));
      assertEquals(1, e.keyVersion());
    }
  }

  @Test
  void keyNeverUnwrapped_waitsForTheKmsAndFailsRetryably() {
    String stored = app.textColumn("customers", "email", String.class).encrypt("a@example.com");
    kms.setAvailable(false);
    try (Colseal fresh = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock)
        .autoCreateKeys(false).build())) {
      KmsException e = assertThrows(KmsException.class,
          () -> fresh.textColumn("customers", "email", String.class).decrypt(stored));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
      assertEquals(0, fresh.keyRing().stats().keyRefreshFailures(), "not a refresh: it never held the key");
    }
  }

  @Test
  void rotationSeenDuringOutage_keepsWritingWithTheOldVersionUntilTheNewOneCanBeUnwrapped() {
    ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
    email.encrypt("v1@example.com");
    try (Colseal other = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock).build())) {
      other.keyRing().rotate("customers");
    }
    kms.setAvailable(false);
    app.keyRing().refresh();
    String during = email.encrypt("during@example.com");
    assertEquals(1, KeyLifecycleIT.versionOf(during));
    kms.setAvailable(true);
    app.keyRing().refresh();
    assertEquals(2, KeyLifecycleIT.versionOf(email.encrypt("after@example.com")));
    assertEquals("during@example.com", email.decrypt(during));
  }
}
