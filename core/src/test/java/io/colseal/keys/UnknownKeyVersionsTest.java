package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values naming key versions the key table does not have (tampered or corrupted values) cost
 * bounded memory and a bounded number of key-table queries: missing versions are remembered for 30
 * seconds in at most 1024 entries per table, and lookups of versions the process does not hold are
 * rate-limited per table (20 at once, 10 a second). Key-table lookups are counted at the JDBC
 * layer, time comes from a {@link MutableClock}.
 */
@OneDatabase(because = "the bound is in the key ring, not the database; the key table only has to exist, and the embedded H2 holds it")
class UnknownKeyVersionsTest {
  private static final int BURST = 20;
  private static final int PER_SECOND = 10;
  private static final int REMEMBERED_MAX = 1024;

  private TestDatabase db;
  private InMemoryKms kms;
  private MutableClock clock;
  private final AtomicInteger versionLookups = new AtomicInteger();

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Colseal start() {
    return Colseal.start(countingLookups(db.dataSource()), ColsealConfig.builder().kmsProvider(kms).clock(clock).build());
  }

  private static String underVersion(String envelope, int version) {
    return envelope.replace("cs1:01:0000000001:", String.format("cs1:01:%010d:", version));
  }

  @Test
  void fiftyThousandUnknownVersions_negativeCacheAndQueriesStayWithinTheirBounds() {
    try (Colseal app = start()) {
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      String stored = email.encrypt("a@example.com");
      int lookupsBefore = versionLookups.get();
      int notFound = 0;
      long elapsedMillis = 0;
      for (int version = 2; version < 50_002; version++) {
        String forged = underVersion(stored, version);
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email.decrypt(forged));
        assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
        assertEquals(version, e.keyVersion());
        notFound++;
        if (version % 10 == 0) {
          clock.advance(Duration.ofMillis(100)); // 50,000 versions over 500 s: ten a second
          elapsedMillis += 100;
        }
        assertTrue(app.keyRing().stats().unknownKeyVersions() <= REMEMBERED_MAX);
      }
      int lookups = versionLookups.get() - lookupsBefore;
      assertEquals(50_000, notFound);
      assertTrue(lookups <= BURST + PER_SECOND * elapsedMillis / 1000, "key-table lookups: " + lookups);
      // 30 s of misses at 10 a second are remembered, plus the burst: far below the cap here.
      assertTrue(app.keyRing().stats().unknownKeyVersions() <= BURST + PER_SECOND * 30,
          "remembered: " + app.keyRing().stats().unknownKeyVersions());
      assertEquals("a@example.com", email.decrypt(stored), "the real version still works");
    }
  }

  @Test
  void unknownVersionsAtOnce_onlyTheBurstIsLookedUp_restFailFastWithoutQuery() {
    try (Colseal app = start()) {
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      String stored = email.encrypt("a@example.com");
      int lookupsBefore = versionLookups.get();
      for (int version = 2; version < 50_002; version++) {
        String forged = underVersion(stored, version);
        assertThrows(KeyUnavailableException.class, () -> email.decrypt(forged));
      }
      assertEquals(BURST, versionLookups.get() - lookupsBefore);
      assertEquals(BURST, app.keyRing().stats().unknownKeyVersions());
      KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
          () -> email.decrypt(underVersion(stored, 60_000)));
      assertTrue(e.getMessage().contains("was not looked up") && e.getMessage().contains("customers v60000"),
          e.getMessage());
    }
  }

  @Test
  void unknownVersionReadAgain_answeredFromMemory_noSecondQuery() {
    try (Colseal app = start()) {
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      String forged = underVersion(email.encrypt("a@example.com"), 7);
      int lookupsBefore = versionLookups.get();
      for (int i = 0; i < 100; i++) {
        assertThrows(KeyUnavailableException.class, () -> email.decrypt(forged));
      }
      assertEquals(1, versionLookups.get() - lookupsBefore);
    }
  }

  @Test
  void versionCreatedLater_isFoundOnceTheNegativeEntryExpires() {
    try (Colseal app = start()) {
      ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
      String v1 = email.encrypt("a@example.com");
      String early = underVersion(v1, 2);
      assertThrows(KeyUnavailableException.class, () -> email.decrypt(early));

      String v2;
      try (Colseal other = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).clock(clock).build())) {
        other.keyRing().rotate("customers");
        v2 = other.textColumn("customers", "email", String.class).encrypt("b@example.com");
      }
      assertThrows(KeyUnavailableException.class, () -> email.decrypt(v2), "still remembered as missing");
      clock.advance(Duration.ofSeconds(31));
      assertEquals("b@example.com", email.decrypt(v2));
      assertEquals(0, app.keyRing().stats().unknownKeyVersions());
    }
  }

  /** {@code ds}, counting the key-table queries that look up one version. */
  private DataSource countingLookups(DataSource ds) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(ds, method, args);
          return result instanceof Connection c ? countingConnection(c) : result;
        });
  }

  private Connection countingConnection(Connection c) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
              && sql.contains("colseal_data_key") && sql.contains("key_version = ?") && sql.startsWith("SELECT")) {
            versionLookups.incrementAndGet();
          }
          return invoke(c, method, args);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
