package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.KeyAdmin;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rotation as running applications see it, and usage counting, on every database: two instances
 * follow a rotation made elsewhere (by the clock or on demand), and a version at its usage cap is
 * rotated exactly once however many threads and processes reach the cap together.
 */
class KeyLifecycleIT {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  /** The key version in a text envelope {@code cs1:01:0000000002:...}. */
  static int versionOf(String envelope) {
    assertTrue(envelope.startsWith("cs1:01:"), envelope);
    return Integer.parseInt(envelope.substring(7, 17));
  }

  private static ColumnCipher<String, String> email(Colseal colseal) {
    return colseal.textColumn("customers", "email", String.class);
  }

  private static KeyVersion version(TestDatabase db, ColsealConfig config, int v) {
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
      return admin.list("customers").stream().filter(k -> k.version() == v).findFirst().orElseThrow();
    }
  }

  @EachDatabase
  void secondInstance_followsRotationAfterRefreshInterval_oldRowsStillRead(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MutableClock clock = new MutableClock(T0);
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).clock(clock)
          .keyRefreshInterval(Duration.ofMinutes(1)).build();
      try (Colseal a = Colseal.start(db.dataSource(), config); Colseal b = Colseal.start(db.dataSource(), config)) {
        String oldFromA = email(a).encrypt("a-old@example.com");
        String oldFromB = email(b).encrypt("b-old@example.com");
        assertEquals(1, versionOf(oldFromA));
        assertEquals(1, versionOf(oldFromB));

        // The operator rotates from outside both applications (what 'colseal keys rotate' runs).
        try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
          assertEquals(2, admin.rotate("customers").version());
        }

        // Until the refresh interval has passed, both keep writing with v1, which stays readable.
        clock.advance(Duration.ofSeconds(59));
        assertEquals(1, versionOf(email(b).encrypt("b-mid@example.com")));
        clock.advance(Duration.ofSeconds(1));
        String newFromB = email(b).encrypt("b-new@example.com");
        assertEquals(2, versionOf(newFromB));
        assertEquals(2, versionOf(email(a).encrypt("a-new@example.com")));

        // Old rows read in both instances; new rows read in the other instance.
        assertEquals("a-old@example.com", email(b).decrypt(oldFromA));
        assertEquals("b-old@example.com", email(a).decrypt(oldFromB));
        assertEquals("b-new@example.com", email(a).decrypt(newFromB));
      }
      assertEquals(KeyState.DECRYPT_ONLY, version(db, config, 1).state());
      assertEquals(KeyState.ACTIVE, version(db, config, 2).state());
    }
  }

  @EachDatabase
  void explicitRefresh_switchesAtOnce(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).clock(new MutableClock(T0)).build();
      try (Colseal a = Colseal.start(db.dataSource(), config); Colseal b = Colseal.start(db.dataSource(), config)) {
        String old = email(b).encrypt("old@example.com");
        a.keyRing().rotate("customers");
        assertEquals(2, versionOf(email(a).encrypt("x@example.com")), "the rotating instance switches at once");
        assertEquals(1, versionOf(email(b).encrypt("y@example.com")), "the other one only after a refresh");
        b.keyRing().refresh();
        assertEquals(2, versionOf(email(b).encrypt("z@example.com")));
        assertEquals("old@example.com", email(b).decrypt(old));
        assertEquals(1, a.keyRing().stats().rotations());
        assertEquals(0, b.keyRing().stats().rotations());
      }
    }
  }

  @EachDatabase
  void usageCap_64ConcurrentEncryptionsInTwoProcesses_exactlyOneRotation_nothingAboveTheCap(Kind kind) throws Exception {
    long cap = 1_000;
    try (TestDatabase db = TestDatabase.create(kind)) {
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).usageCap(cap).usageBlock(100).build();
      try (Colseal setup = Colseal.start(db.dataSource(), config)) {
        email(setup).encrypt("first@example.com");
      }
      // v1 has 10 encryptions left under the cap.
      Raw.update(db, "UPDATE colseal_data_key SET encryptions_reserved = ? WHERE table_name = 'customers'"
          + " AND key_version = 1", cap - 10);

      List<String> envelopes = new ArrayList<>();
      try (Colseal a = Colseal.start(db.dataSource(), config); Colseal b = Colseal.start(db.dataSource(), config)) {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          ColumnCipher<String, String> cipher = email(i % 2 == 0 ? a : b);
          String value = "customer" + i + "@example.com";
          results.add(pool.submit(() -> {
            go.await();
            return cipher.encrypt(value);
          }));
        }
        go.countDown();
        for (Future<String> f : results) {
          envelopes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, a.keyRing().stats().rotations() + b.keyRing().stats().rotations(), "rotations");
        for (int i = 0; i < 64; i++) {
          assertEquals("customer" + i + "@example.com", email(i % 2 == 0 ? b : a).decrypt(envelopes.get(i)));
        }
      }

      Map<Integer, Integer> perVersion = new TreeMap<>();
      envelopes.forEach(e -> perVersion.merge(versionOf(e), 1, Integer::sum));
      assertEquals(List.of(1, 2), List.copyOf(perVersion.keySet()), "versions used: " + perVersion);
      assertTrue(perVersion.get(1) <= 10, "encryptions under v1 above its cap: " + perVersion);

      KeyVersion v1 = version(db, config, 1);
      KeyVersion v2 = version(db, config, 2);
      assertEquals(KeyState.DECRYPT_ONLY, v1.state());
      assertEquals(cap, v1.encryptionsReserved(), "v1 counted up to its cap, never beyond");
      assertEquals(KeyState.ACTIVE, v2.state());
      assertTrue(v2.encryptionsReserved() >= perVersion.get(2), "v2 never under-counts: " + v2.encryptionsReserved());
      assertEquals(List.of(1L, 2L), Raw.values(db, "colseal_data_key", "key_version", "table_name = 'customers'")
          .stream().map(o -> ((Number) o).longValue()).sorted().toList());
    }
  }

  @EachDatabase
  void usage_isReservedInBlocks_overCountsAfterARestartButNeverUnderCounts(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MutableClock clock = new MutableClock(T0);
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).clock(clock).usageBlock(100).build();
      try (Colseal app = Colseal.start(db.dataSource(), config)) {
        for (int i = 0; i < 250; i++) {
          email(app).encrypt("c" + i + "@example.com");
        }
        // Three blocks of 100 reserved for 250 encryptions: three writes, not 250.
        assertEquals(300, version(db, config, 1).encryptionsReserved());
        assertEquals(250, app.keyRing().stats().encryptions());
        // Past the cache TTL the key is unwrapped again; its unused budget carries over.
        clock.advance(Duration.ofMinutes(6));
        for (int i = 0; i < 50; i++) {
          email(app).encrypt("d" + i + "@example.com");
        }
        assertEquals(300, version(db, config, 1).encryptionsReserved());
        email(app).encrypt("one-more@example.com");
        assertEquals(400, version(db, config, 1).encryptionsReserved());
        assertEquals(301, app.keyRing().stats().encryptions());
      }
      // A restart forgets the 50 unused encryptions of its last block: the count stays above the truth.
      try (Colseal app = Colseal.start(db.dataSource(), config)) {
        email(app).encrypt("after-restart@example.com");
      }
      assertEquals(500, version(db, config, 1).encryptionsReserved());
    }
  }

  @EachDatabase
  void runningInstance_seesADestroyedVersionAfterItsCacheTtl_andDropsTheKey(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MutableClock clock = new MutableClock(T0);
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).clock(clock).build();
      try (Colseal app = Colseal.start(db.dataSource(), config)) {
        String v1 = email(app).encrypt("v1@example.com");
        try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
          admin.rotate("customers");
          admin.destroy("customers", 1, true);
        }
        // Within the cache TTL the running instance still holds v1 (documented); after it, never again.
        assertEquals("v1@example.com", email(app).decrypt(v1));
        app.keyRing().refresh();
        assertEquals(2, app.keyRing().stats().cachedKeys());
        clock.advance(Duration.ofMinutes(6));
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email(app).decrypt(v1));
        assertEquals(ErrorCode.KEY_DESTROYED, e.code());
        assertEquals(1, app.keyRing().stats().cachedKeys(), "the destroyed version's key left the cache");
        assertThrows(KeyUnavailableException.class, () -> email(app).decrypt(v1));
      }
    }
  }

  @EachDatabase
  void cryptoperiods_areFlagged_andOverdueKeysRotateAtStartupWhenAsked(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      MutableClock clock = new MutableClock(T0);
      InMemoryKms kms = new InMemoryKms();
      ColsealConfig config = ColsealConfig.builder().kmsProvider(kms).clock(clock).usageCap(1_000).usageBlock(100).build();
      try (Colseal app = Colseal.start(db.dataSource(), config); KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
        email(app).encrypt("x@example.com");
        assertEquals(List.of(), admin.assess(version(db, config, 1)));
        clock.advance(Duration.ofDays(366));
        assertEquals(List.of(KeyFlag.ORIGINATOR_PERIOD_EXCEEDED), admin.assess(version(db, config, 1)));
        assertEquals(Duration.ofDays(366), admin.age(version(db, config, 1)));
      }
      // Without the option, start-up leaves the overdue key alone.
      try (Colseal app = Colseal.start(db.dataSource(), config)) {
        app.keyRing().ensureActiveKeys(List.of("customers"));
        assertEquals(1, app.keyRing().requireActive("customers").version());
      }
      ColsealConfig rotating = ColsealConfig.builder().kmsProvider(kms).clock(clock).usageCap(1_000).usageBlock(100)
          .rotateOverdueAtStartup(true).build();
      try (Colseal app = Colseal.start(db.dataSource(), rotating)) {
        app.keyRing().ensureActiveKeys(List.of("customers"));
        assertEquals(2, app.keyRing().requireActive("customers").version());
        assertEquals(2, versionOf(email(app).encrypt("y@example.com")));
      }
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
        assertEquals(List.of(), admin.assess(version(db, config, 1)), "DECRYPT_ONLY is past no originator period");
        assertEquals(List.of(), admin.assess(version(db, config, 2)));
        clock.advance(Duration.ofDays(5 * 365));
        assertEquals(List.of(KeyFlag.VALIDITY_PERIOD_EXCEEDED), admin.assess(version(db, config, 1)));
        assertEquals(List.of(KeyFlag.ORIGINATOR_PERIOD_EXCEEDED), admin.assess(version(db, config, 2)));
      }
      // 90 % of the usage cap reserved: flagged before it rotates.
      Raw.update(db, "UPDATE colseal_data_key SET encryptions_reserved = 900 WHERE table_name = 'customers' AND key_version = 2");
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
        assertTrue(admin.assess(version(db, config, 2)).contains(KeyFlag.USAGE_NEAR_CAP));
      }
    }
  }
}
