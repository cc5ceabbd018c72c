package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.KmsCallObserver;
import io.colseal.kms.KmsCallOutcome;
import io.colseal.kms.KmsOperation;
import io.colseal.testing.Await;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ColsealStats}' key-cache and KEK provider figures, with the in-memory KMS and a clock moved
 * by hand: exact hits, misses and refreshes across a cache TTL, and KMS calls by operation and
 * outcome as the provider saw them. Per-table counts and key versions on every database are in
 * {@link ColsealStatsIT}.
 */
@OneDatabase(because = "key-cache and KMS counts with the in-memory KMS; the key table only has to exist, and the embedded H2 holds it (ColsealStatsIT runs on every database)")
class ColsealStatsTest {
  private static final String CANARY = "CANARY-stats-4e1d@example.com";

  private TestDatabase db;
  private InMemoryKms kms;
  private MutableClock clock;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Colseal start() {
    return Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock)
        .keyCacheTtl(Duration.ofMinutes(5)).build());
  }

  /** A value written by another instance, so that the instance under test starts with an empty cache. */
  private String storedElsewhere() {
    try (Colseal writer = start()) {
      return writer.textColumn("customers", "email", String.class).encrypt(CANARY);
    }
  }

  @Test
  void keyCache_firstUseOfAVersion_oneMissThenHits() {
    String stored = storedElsewhere();
    try (Colseal reader = start()) {
      ColumnCipher<String, String> email = reader.textColumn("customers", "email", String.class);
      for (int i = 0; i < 10; i++) {
        assertEquals(CANARY, email.decrypt(stored));
      }
      ColsealStats stats = reader.stats();
      assertEquals(1, stats.keyCacheMisses());
      assertEquals(9, stats.keyCacheHits());
      assertEquals(0, stats.keyRefreshes());
    }
  }

  @Test
  void keyCache_ttlRunOutUnused_nextUseMissesAndLoads() {
    String stored = storedElsewhere();
    try (Colseal reader = start()) {
      ColumnCipher<String, String> email = reader.textColumn("customers", "email", String.class);
      email.decrypt(stored);
      clock.advance(Duration.ofMinutes(6)); // past the TTL, and not used in its last fifth
      int unwraps = kms.unwrapCalls();
      email.decrypt(stored);
      assertEquals(1, kms.unwrapCalls() - unwraps, "loaded by the caller");
      ColsealStats stats = reader.stats();
      assertEquals(2, stats.keyCacheMisses());
      assertEquals(0, stats.keyCacheHits());
      email.decrypt(stored);
      assertEquals(1, stats.keyCacheHits(), "the reloaded key is held again");
      assertEquals(0, stats.keyRefreshes(), "no background refresh");
    }
  }

  @Test
  void keyCache_usedInTheLastFifthOfItsTtl_hitAndOneBackgroundRefresh() {
    String stored = storedElsewhere();
    try (Colseal reader = start()) {
      ColumnCipher<String, String> email = reader.textColumn("customers", "email", String.class);
      email.decrypt(stored);
      clock.advance(Duration.ofMinutes(4).plusSeconds(30)); // past four fifths of the 5-minute TTL
      for (int i = 0; i < 3; i++) {
        email.decrypt(stored);
      }
      ColsealStats stats = reader.stats();
      Await.until("the background refresh is counted", () -> stats.keyRefreshes() == 1);
      assertEquals(1, stats.keyCacheMisses(), "only the first use missed");
      assertEquals(3, stats.keyCacheHits(), "served from memory while it is refreshed");
      assertEquals(2, kms.unwrapCalls(), "the first load and the refresh; the writer created its key and unwrapped none");
    }
  }

  @Test
  void kmsCalls_successes_matchWhatTheProviderSaw() {
    try (Colseal app = start()) {
      app.textColumn("customers", "email", String.class).encrypt(CANARY);
      app.textColumn("orders", "card", String.class).encrypt("4111111111111111");
      app.keyRing().rotate("customers");
      ColsealStats stats = app.stats();
      assertEquals(3, kms.generateCalls());
      assertEquals(3, stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.SUCCESS).count());
      assertEquals(0, stats.kmsCalls(KmsOperation.UNWRAP, KmsCallOutcome.SUCCESS).count(), "new keys need no unwrap");
    }
    try (Colseal reader = start()) {
      reader.keyRing().ensureActiveKeys(List.of("customers", "orders"));
      ColsealStats stats = reader.stats();
      assertEquals(2, kms.unwrapCalls());
      assertEquals(2, stats.kmsCalls(KmsOperation.UNWRAP, KmsCallOutcome.SUCCESS).count());
      assertEquals(0, stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.SUCCESS).count());
      long all = stats.kmsCalls().stream().mapToLong(KmsCallStats::count).sum();
      assertEquals(2, all, "no other operation or outcome counted");
      assertEquals(KmsOperation.values().length * KmsCallOutcome.values().length, stats.kmsCalls().size());
    }
  }

  @Test
  void kmsCalls_unreachableOrRefusingKms_countedUnderTheirOutcome() {
    try (Colseal app = start()) {
      kms.setAvailable(false);
      KmsException unavailable = assertThrows(KmsException.class,
          () -> app.textColumn("customers", "email", String.class).encrypt(CANARY));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, unavailable.code());
      kms.setAvailable(true);
      kms.disableKek("in-memory-kek");
      KmsException refused = assertThrows(KmsException.class,
          () -> app.textColumn("orders", "card", String.class).encrypt("4111111111111111"));
      assertEquals(ErrorCode.KMS_REJECTED, refused.code());

      ColsealStats stats = app.stats();
      assertEquals(2, kms.generateCalls());
      assertEquals(1, stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.UNAVAILABLE).count());
      assertEquals(1, stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.FAILED).count());
      assertEquals(0, stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.SUCCESS).count());
    }
  }

  @Test
  void kmsCallObserver_toldOfEachCallWithTheDurationCounted_untilRemoved() {
    record Call(KmsOperation operation, KmsCallOutcome outcome, Duration duration) {}
    List<Call> calls = new CopyOnWriteArrayList<>();
    KmsCallObserver observer = (operation, outcome, duration) -> calls.add(new Call(operation, outcome, duration));
    try (Colseal app = start()) {
      ColsealStats stats = app.stats();
      stats.addKmsCallObserver(observer);
      app.textColumn("customers", "email", String.class).encrypt(CANARY);
      app.textColumn("orders", "card", String.class).encrypt("4111111111111111");

      assertEquals(List.of(KmsOperation.GENERATE_DATA_KEY, KmsOperation.GENERATE_DATA_KEY),
          calls.stream().map(Call::operation).toList());
      assertTrue(calls.stream().allMatch(c -> c.outcome() == KmsCallOutcome.SUCCESS), calls::toString);
      KmsCallStats generated = stats.kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.SUCCESS);
      assertEquals(generated.totalTime(), calls.get(0).duration().plus(calls.get(1).duration()),
          "the observer sees the durations the counts add up");
      assertEquals(generated.maxTime(), calls.stream().map(Call::duration).max(Duration::compareTo).orElseThrow());

      stats.removeKmsCallObserver(observer);
      app.keyRing().rotate("customers");
      assertEquals(2, calls.size(), "removed");
      assertEquals(3, generated.count());
    }
  }

  @Test
  void kmsCallObserver_throws_callSucceedsAndIsCounted() {
    try (Colseal app = start()) {
      app.stats().addKmsCallObserver((operation, outcome, duration) -> {
        throw new IllegalStateException("observer bug");
      });
      String stored = app.textColumn("customers", "email", String.class).encrypt(CANARY);
      assertEquals(CANARY, app.textColumn("customers", "email", String.class).decrypt(stored));
      assertEquals(1, app.stats().kmsCalls(KmsOperation.GENERATE_DATA_KEY, KmsCallOutcome.SUCCESS).count());
    }
  }

  @Test
  void docsExample_readsATablesFiguresAndTheKmsCalls() {
    try (Colseal colseal = start()) {
      colseal.textColumn("customers", "email", String.class).encrypt(CANARY);
      // As in docs/reference/metrics.md and the ColsealStats Javadoc:
      ColsealStats stats = colseal.stats();
      TableStats customers = stats.table("customers");
      long written = customers.encryptions();
      long unwraps = stats.kmsCalls(KmsOperation.UNWRAP, KmsCallOutcome.SUCCESS).count();
      assertEquals(1, written);
      assertEquals(0, unwraps, "a key this instance created needs no unwrap");
    }
  }

  @Test
  void toString_ofEveryFigure_namesNoValue() {
    try (Colseal app = start()) {
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      email.decrypt(email.encrypt(CANARY));
      ColsealStats stats = app.stats();
      StringBuilder all = new StringBuilder(stats.toString());
      stats.tables().forEach(t -> all.append(t));
      stats.kmsCalls().forEach(k -> all.append(k));
      assertFalse(all.toString().contains(CANARY), all.toString());
      assertTrue(all.toString().contains("customers"), all.toString());
    }
  }
}
