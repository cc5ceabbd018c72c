package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.KeyAdmin;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.MutableClock;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cryptoperiod belongs to the key (issue 15, defect 4): each version records the ends of its
 * originator-usage and validity periods when it is created, from the creating process's settings;
 * whoever reads it later, with whatever settings, sees those ends; only {@code setCryptoperiod}
 * changes them, logged as a {@code CRYPTOPERIOD} key event.
 */
class KeyCryptoperiodIT {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final Duration USE_A = Duration.ofDays(30);
  private static final Duration VALID_A = Duration.ofDays(90);

  private static ColsealConfig config(MutableClock clock, InMemoryKms kms, Duration use, Duration validity) {
    return ColsealConfig.builder().kmsProvider(kms).clock(clock).originatorPeriod(use).validityPeriod(validity).build();
  }

  /** An operator with the default periods (P365D, P1825D), unlike the process that created the keys. */
  private static KeyAdmin defaultAdmin(TestDatabase db, MutableClock clock, InMemoryKms kms) {
    return KeyAdmin.open(ConnectionSource.of(db.dataSource()),
        ColsealConfig.builder().kmsProvider(kms).clock(clock).build());
  }

  /** Creates customers v1 at T0 with periods A (30 days of use, 90 of validity). */
  private static void createWithPeriodsA(TestDatabase db, MutableClock clock, InMemoryKms kms) {
    try (KeyAdmin creator = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config(clock, kms, USE_A, VALID_A))) {
      creator.init("customers");
    }
  }

  private static KeyVersion v(KeyAdmin admin, int version) {
    return admin.list("customers").stream().filter(k -> k.version() == version).findFirst().orElseThrow();
  }

  @EachDatabase
  void create_recordsTheCreatorsPeriods_readerSettingsDoNotMoveThem(TestDatabase db) {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    try (KeyAdmin reader = defaultAdmin(db, clock, kms)) {
      KeyVersion v1 = v(reader, 1);
      assertEquals(T0.plus(USE_A), v1.useEndsAt());
      assertEquals(T0.plus(VALID_A), v1.validUntil());
      assertTrue(v1.cryptoperiodRecorded());
      assertEquals(List.of(), reader.assess(v1));
      clock.advance(Duration.ofDays(31));
      // Past A's use end, well inside the reader's 365 days: the key's own period decides.
      assertEquals(List.of(KeyFlag.ORIGINATOR_PERIOD_EXCEEDED), reader.assess(v(reader, 1)));
      clock.advance(Duration.ofDays(60));
      assertEquals(List.of(KeyFlag.ORIGINATOR_PERIOD_EXCEEDED, KeyFlag.VALIDITY_PERIOD_EXCEEDED),
          reader.assess(v(reader, 1)));
    }
  }

  @EachDatabase
  void rotate_recordsTheRotatorsPeriodsForTheNewVersion(TestDatabase db) {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    clock.advance(Duration.ofDays(10));
    try (KeyAdmin rotator = defaultAdmin(db, clock, kms)) {
      rotator.rotate("customers");
      KeyVersion v2 = v(rotator, 2);
      Instant at = T0.plus(Duration.ofDays(10));
      assertEquals(at.plus(Duration.ofDays(365)), v2.useEndsAt());
      assertEquals(at.plus(Duration.ofDays(1825)), v2.validUntil());
      assertEquals(T0.plus(VALID_A), v(rotator, 1).validUntil(), "v1 keeps its own ends");
    }
  }

  @EachDatabase
  void setCryptoperiod_changesTheEnds_andLogsAnEventWithActorAndReason(TestDatabase db) {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    clock.advance(Duration.ofDays(5));
    try (KeyAdmin admin = defaultAdmin(db, clock, kms)) {
      List<KeyAdmin.CryptoperiodChange> changes = admin.setCryptoperiod("customers", 1, Duration.ofDays(60),
          Duration.ofDays(400), "policy KP-7 approved");
      assertEquals(1, changes.size());
      assertEquals(T0.plus(USE_A), changes.get(0).previousUseEndsAt());
      KeyVersion v1 = v(admin, 1);
      assertEquals(T0.plus(Duration.ofDays(60)), v1.useEndsAt(), "from activation");
      assertEquals(T0.plus(Duration.ofDays(400)), v1.validUntil(), "from creation");
      List<KeyEvent> events = admin.keyEvents();
      assertEquals(1, events.size());
      KeyEvent e = events.get(0);
      assertEquals(KeyEvent.CRYPTOPERIOD, e.event());
      assertEquals(1, e.version());
      assertEquals(T0.plus(Duration.ofDays(5)), e.at());
      assertTrue(e.actor().contains("colseal@"), e.actor());
      assertEquals("use ends " + T0.plus(USE_A) + " -> " + T0.plus(Duration.ofDays(60)) + "; valid until "
          + T0.plus(VALID_A) + " -> " + T0.plus(Duration.ofDays(400)) + "; originator-period P60D from activation,"
          + " validity-period P400D from creation; reason: policy KP-7 approved", e.detail());
    }
  }

  @EachDatabase
  void setCryptoperiod_onePeriod_keepsTheOtherEnd(TestDatabase db) {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    try (KeyAdmin admin = defaultAdmin(db, clock, kms)) {
      admin.setCryptoperiod("customers", null, null, Duration.ofDays(120), null);
      KeyVersion v1 = v(admin, 1);
      assertEquals(T0.plus(USE_A), v1.useEndsAt());
      assertEquals(T0.plus(Duration.ofDays(120)), v1.validUntil());
    }
  }

  @EachDatabase
  void preV07Row_isNotRecorded_untilSetCryptoperiodGetsBothPeriods(TestDatabase db) throws Exception {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    Raw.update(db, "UPDATE colseal_data_key SET use_ends_at = NULL, valid_until = NULL");
    try (KeyAdmin admin = defaultAdmin(db, clock, kms)) {
      KeyVersion v1 = v(admin, 1);
      assertNull(v1.useEndsAt());
      assertNull(v1.validUntil());
      assertFalse(v1.cryptoperiodRecorded());
      clock.advance(Duration.ofDays(3000));
      // Not "exceeded" by the reader's settings: not recorded, which is what the flag says.
      assertEquals(List.of(KeyFlag.CRYPTOPERIOD_NOT_RECORDED), admin.assess(v(admin, 1)));
      ColsealConfigException partial = assertThrows(ColsealConfigException.class,
          () -> admin.setCryptoperiod("customers", 1, null, Duration.ofDays(400), null));
      assertTrue(partial.getMessage().contains("key customers v1 has no recorded end of its originator-usage"),
          partial.getMessage());
      assertEquals(List.of(), admin.keyEvents(), "a refusal records nothing");
      admin.setCryptoperiod("customers", 1, Duration.ofDays(365), Duration.ofDays(1825), "backfill pre-0.7");
      assertEquals(T0.plus(Duration.ofDays(365)), v(admin, 1).useEndsAt());
      assertTrue(admin.keyEvents().get(0).detail().startsWith("use ends not recorded -> "),
          admin.keyEvents().get(0).detail());
    }
  }

  @EachDatabase
  void setCryptoperiod_validityEndingBeforeUse_isRefusedNamingTableAndVersion(TestDatabase db) {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    try (KeyAdmin admin = defaultAdmin(db, clock, kms)) {
      ColsealConfigException e = assertThrows(ColsealConfigException.class,
          () -> admin.setCryptoperiod("customers", 1, null, Duration.ofDays(20), null));
      assertEquals(ErrorCode.CONFIG_INVALID, e.code());
      assertTrue(e.getMessage().contains("key customers v1: its validity would end"), e.getMessage());
      assertEquals(T0.plus(VALID_A), v(admin, 1).validUntil());
      assertEquals(List.of(), admin.keyEvents());
    }
  }

  @EachDatabase
  void setCryptoperiod_destroyedOrUnknown_isRefusedWithTypedErrors(TestDatabase db) throws Exception {
    MutableClock clock = new MutableClock(T0);
    InMemoryKms kms = new InMemoryKms();
    createWithPeriodsA(db, clock, kms);
    try (KeyAdmin admin = defaultAdmin(db, clock, kms)) {
      admin.rotate("customers");
      admin.destroy("customers", 1, false);
      KeyUnavailableException destroyed = assertThrows(KeyUnavailableException.class,
          () -> admin.setCryptoperiod("customers", 1, Duration.ofDays(60), null, null));
      assertEquals(ErrorCode.KEY_DESTROYED, destroyed.code());
      assertEquals("customers", destroyed.table());
      assertEquals(1, destroyed.keyVersion());
      KeyUnavailableException unknownVersion = assertThrows(KeyUnavailableException.class,
          () -> admin.setCryptoperiod("customers", 9, Duration.ofDays(60), null, null));
      assertEquals(ErrorCode.KEY_NOT_FOUND, unknownVersion.code());
      assertEquals(9, unknownVersion.keyVersion());
      KeyUnavailableException unknownTable = assertThrows(KeyUnavailableException.class,
          () -> admin.setCryptoperiod("nosuch", null, Duration.ofDays(60), null, null));
      assertEquals(ErrorCode.KEY_NOT_FOUND, unknownTable.code());
      assertEquals("nosuch", unknownTable.table());
      ColsealException none = assertThrows(ColsealConfigException.class,
          () -> admin.setCryptoperiod("customers", 2, null, null, null));
      assertEquals(ErrorCode.CONFIG_INVALID, none.code());
      // All versions: the destroyed one is left as it is, the live one changes.
      List<KeyAdmin.CryptoperiodChange> changes =
          admin.setCryptoperiod("customers", null, Duration.ofDays(60), null, null);
      assertEquals(List.of(2), changes.stream().map(KeyAdmin.CryptoperiodChange::version).toList());
      assertEquals(T0.plus(VALID_A), v(admin, 1).validUntil());
      assertEquals(1, admin.keyEvents().stream().filter(e -> e.event().equals(KeyEvent.CRYPTOPERIOD)).count());
    }
  }
}
