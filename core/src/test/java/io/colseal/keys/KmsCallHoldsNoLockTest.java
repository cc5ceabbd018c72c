package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import io.colseal.testing.Await;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key ring holds no lock across a KMS call: while a call for one table hangs, other tables
 * encrypt and decrypt, the key ring answers, and the threads that need the hanging table's key wait
 * for that one call instead of making their own.
 *
 * <p>The same holds for the background refresh of an expired key: the threads using it go on with the
 * cached key while the refresh hangs.
 *
 * <p>The KMS calls for table {@code stalled} wait on a latch that the test opens; "does not
 * block" is checked by a bounded wait on a future (a deadlock fails the test instead of hanging it),
 * never by sleeping.
 */
@OneDatabase(because = "locking in the key ring does not depend on the database; the key table only has to exist, and the embedded H2 holds it")
class KmsCallHoldsNoLockTest {
  private static final long BOUND_SECONDS = 30;

  private TestDatabase db;
  private StallingKms kms;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new StallingKms(new InMemoryKms(), "stalled");
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() {
    kms.release();
    pool.shutdownNow();
    db.close();
  }

  private Colseal start() {
    return Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
  }

  private <T> T within(Callable<T> work) throws Exception {
    Future<T> f = pool.submit(work);
    try {
      return f.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("blocked behind the hanging KMS call for table 'stalled'", e);
    }
  }

  @Test
  void generateDataKeyHangs_otherTablesAndTheKeyRingCarryOn_sameTableWaitsForTheOneCall() throws Exception {
    try (Colseal colseal = start()) {
      ColumnCipher<String, String> stalled = colseal.textColumn("stalled", "note", String.class);
      ColumnCipher<String, String> other = colseal.textColumn("other", "note", String.class);
      String before = within(() -> other.encrypt("before"));

      Future<String> first = pool.submit(() -> stalled.encrypt("a"));
      kms.awaitStalled();
      Future<String> second = pool.submit(() -> stalled.encrypt("b"));

      // A new table's key (another generateDataKey), an existing table's key, and the key ring's views.
      assertEquals("x", within(() -> {
        ColumnCipher<String, String> third = colseal.textColumn("third", "note", String.class);
        return third.decrypt(third.encrypt("x"));
      }));
      assertEquals("before", within(() -> other.decrypt(before)));
      assertTrue(within(() -> colseal.keyRing().versions()).stream().anyMatch(v -> v.table().equals("third")));
      within(() -> colseal.keyRing().stats());
      assertFalse(first.isDone() || second.isDone(), "the stalled table's encryptions wait for its key");

      kms.release();
      assertEquals("a", stalled.decrypt(first.get(BOUND_SECONDS, TimeUnit.SECONDS)));
      assertEquals("b", stalled.decrypt(second.get(BOUND_SECONDS, TimeUnit.SECONDS)));
      assertEquals(1, kms.stalledCalls(), "one generateDataKey for the stalled table, shared by both threads");
    }
  }

  @Test
  void unwrapHangs_otherTablesCarryOn_sameTableWaitsForTheOneCall() throws Exception {
    String stalledValue;
    String otherValue;
    kms.stallOff();
    try (Colseal writer = start()) {
      stalledValue = writer.textColumn("stalled", "note", String.class).encrypt("s");
      otherValue = writer.textColumn("other", "note", String.class).encrypt("o");
    }
    kms.stallOn();
    try (Colseal reader = start()) { // a fresh process: every key must be unwrapped
      ColumnCipher<String, String> stalled = reader.textColumn("stalled", "note", String.class);
      ColumnCipher<String, String> other = reader.textColumn("other", "note", String.class);
      Future<String> first = pool.submit(() -> stalled.decrypt(stalledValue));
      kms.awaitStalled();
      Future<String> second = pool.submit(() -> stalled.decrypt(stalledValue));

      assertEquals("o", within(() -> other.decrypt(otherValue)));
      assertEquals("p", within(() -> other.decrypt(other.encrypt("p"))));
      assertFalse(first.isDone() || second.isDone(), "the stalled table's decryptions wait for its key");

      kms.release();
      assertEquals("s", first.get(BOUND_SECONDS, TimeUnit.SECONDS));
      assertEquals("s", second.get(BOUND_SECONDS, TimeUnit.SECONDS));
      assertEquals(1, kms.stalledCalls(), "one unwrap for the stalled table, shared by both threads");
    }
  }

  @Test
  void expiredKeysRefreshHangs_sameTableEncryptsAndDecryptsWithTheCachedKey() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    kms.stallOff();
    try (Colseal app = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock).build())) {
      ColumnCipher<String, String> stalled = app.textColumn("stalled", "note", String.class);
      String before = within(() -> stalled.encrypt("before"));
      kms.stallOn();
      clock.advance(Duration.ofSeconds(270)); // in the last fifth of the 5-minute cache TTL

      assertEquals("before", within(() -> stalled.decrypt(before))); // starts the refresh, which hangs
      kms.awaitStalled();
      clock.advance(Duration.ofMinutes(2)); // past the TTL while the refresh still hangs
      String during = within(() -> stalled.encrypt("during"));
      assertEquals("during", within(() -> stalled.decrypt(during)));
      assertEquals("before", within(() -> stalled.decrypt(before)));
      assertEquals(1, kms.stalledCalls(), "one refresh, in the background; no caller waits for it or makes its own");

      kms.release();
      Await.until("the refreshed key replaces the stale one", () -> {
        clock.advance(Duration.ZERO);
        return app.keyRing().stats().kmsUnwrapCalls() == 1 && stalled.decrypt(during).equals("during");
      });
    }
  }

  /** Delegates to another provider; calls for one table wait until {@link #release()}. */
  private static final class StallingKms implements KmsProvider {
    private final KmsProvider delegate;
    private final String table;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger stalledCalls = new AtomicInteger();
    private volatile boolean stalling = true;

    StallingKms(KmsProvider delegate, String table) {
      this.delegate = delegate;
      this.table = table;
    }

    void stallOff() {
      stalling = false;
    }

    void stallOn() {
      stalling = true;
    }

    void awaitStalled() throws InterruptedException {
      assertTrue(entered.await(BOUND_SECONDS, TimeUnit.SECONDS), "no KMS call for the stalled table");
    }

    void release() {
      released.countDown();
    }

    int stalledCalls() {
      return stalledCalls.get();
    }

    private void maybeStall(KeyContext context) {
      if (stalling && context.table().equals(table)) {
        stalledCalls.incrementAndGet();
        entered.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public String kekId() {
      return delegate.kekId();
    }

    @Override
    public GeneratedDataKey generateDataKey(KeyContext context) {
      maybeStall(context);
      return delegate.generateDataKey(context);
    }

    @Override
    public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
      maybeStall(context);
      return delegate.unwrap(wrapped, context);
    }

    @Override
    public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId) {
      return delegate.wrap(key, context, kekId);
    }
  }
}
