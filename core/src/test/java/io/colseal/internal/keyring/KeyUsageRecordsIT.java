package io.colseal.internal.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.KeyAdmin;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The usage records (key table migration V0_9): what each process actually encrypted, per table and
 * key version, flushed to {@code colseal_key_usage} (issue 15, defect 1).
 */
class KeyUsageRecordsIT {
  private static final int THREADS = 6;
  private static final int PER_THREAD = 4_000;

  private static ColsealConfig config(InMemoryKms kms, long block) {
    return ColsealConfig.builder().kmsProvider(kms).usageBlock(block).keyRefreshInterval(Duration.ofHours(1)).build();
  }

  private static long recorded(List<KeyUsage> usage, String table, int version) {
    return usage.stream().filter(u -> u.table().equals(table) && u.version() == version)
        .mapToLong(KeyUsage::encryptions).sum();
  }

  @EachDatabase
  void encrypt_concurrentThreadsWhileFlushing_recordedTotalIsExact(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    // Small blocks: reservations flush while the other threads count, and a flusher thread races them too.
    try (Colseal app = Colseal.start(db.dataSource(), config(kms, 500))) {
      ColumnCipher<String, String> cipher = app.textColumn("customers", "email", String.class);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean done = new AtomicBoolean();
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        writers.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < PER_THREAD; i++) {
            cipher.encrypt("v" + i);
          }
          return null;
        }));
      }
      Future<Integer> flusher = pool.submit(() -> {
        go.await();
        int flushes = 0;
        while (!done.get()) {
          if (app.reportKeyUsage()) {
            flushes++;
          }
        }
        return flushes;
      });
      go.countDown();
      for (Future<?> w : writers) {
        w.get();
      }
      done.set(true);
      assertTrue(flusher.get() > 0, "the flusher ran alongside the writers");
      pool.shutdown();
    }
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config(kms, 500))) {
      List<KeyUsage> usage = admin.keyUsage();
      assertEquals((long) THREADS * PER_THREAD, recorded(usage, "customers", 1), usage.size() + " records");
      for (KeyUsage u : usage) {
        assertFalse(u.periodStart().isAfter(u.periodEnd()), u.toString());
      }
      List<KeyWriter> writers = admin.keyWriters();
      assertEquals(1, writers.size(), writers.toString());
      assertNotNull(writers.get(0).stoppedAt(), "a clean close marks the writer stopped");
      assertEquals(Duration.ofHours(1), writers.get(0).refreshInterval());
    }
  }

  @EachDatabase
  void reportKeyUsage_tableMissing_encryptionGoesOnAndCountsAreKeptForTheNextFlush(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal app = Colseal.start(db.dataSource(), config(kms, 10_000))) {
      ColumnCipher<String, String> cipher = app.textColumn("customers", "email", String.class);
      for (int i = 0; i < 10; i++) {
        cipher.encrypt("a" + i);
      }
      Raw.update(db, "ALTER TABLE colseal_key_usage RENAME TO colseal_key_usage_away");
      assertFalse(app.reportKeyUsage(), "the flush fails");
      for (int i = 0; i < 5; i++) {
        assertEquals("b" + i, cipher.decrypt(cipher.encrypt("b" + i)), "encryption does not fail");
      }
      Raw.update(db, "ALTER TABLE colseal_key_usage_away RENAME TO colseal_key_usage");
      assertTrue(app.reportKeyUsage());
      assertEquals(List.of(15L), Raw.values(db, "colseal_key_usage", "SUM(encryptions)", "1 = 1").stream()
          .map(v -> ((Number) v).longValue()).toList());
    }
  }

  @EachDatabase
  void keyCommandRing_neverEncrypting_leavesNoWriterRow(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config(kms, 100))) {
      admin.init("customers");
      admin.rotate("customers");
    }
    assertEquals(List.of(), Raw.values(db, "colseal_key_writer", "instance_id", "1 = 1"));
    assertNull(Raw.value(db, "colseal_key_usage", "MAX(encryptions)", "1 = 1"));
  }
}
