package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.EnvelopeHeaders;
import io.colseal.hibernate.model.AriaDeterministic;
import io.colseal.hibernate.model.KcmvpResident;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.keys.Algorithm;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * ARIA-256-GCM (envelope algorithm 03) through JPA/Hibernate on each database: attributes with
 * {@code @Encrypted(algorithm = ARIA_256_GCM)} are stored as 03 envelopes (text and binary) and read
 * back, an attribute without a choice follows {@code colseal.crypto.default-algorithm}, a
 * SessionFactory with the other default reads the same rows, and a deterministic attribute that
 * asks for ARIA is refused at start-up naming it.
 */
class AriaRoundTripIT {
  private static final String RRN = "CANARY-900101-1234567";

  @EachDatabase
  void ariaAttributes_storedAs03_andEveryReaderOpensThem(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      InMemoryKms kms = new InMemoryKms();
      LocalDate born = LocalDate.of(1990, 1, 1);
      try (SessionFactory sf = TestSessionFactories.build(TestSessionFactories.settings(db, kms),
          KcmvpResident.class)) {
        sf.inTransaction(s -> s.persist(new KcmvpResident(1, RRN, born, "CANARY-note-1")));
        KcmvpResident r = sf.fromTransaction(s -> s.find(KcmvpResident.class, 1L));
        assertEquals(RRN, r.rrn);
        assertEquals(born, r.birthDate);
        assertEquals("CANARY-note-1", r.note);
      }
      String rrn = (String) Raw.value(db, "kcmvp_residents", "rrn", "id = 1");
      assertTrue(rrn.startsWith("cs1:03:0000000001:"), rrn);
      byte[] birth = (byte[]) Raw.value(db, "kcmvp_residents", "birth_date", "id = 1");
      assertArrayEquals(EnvelopeHeaders.binary(Algorithm.ARIA_256_GCM, 1), Arrays.copyOf(birth, 8));
      String note = (String) Raw.value(db, "kcmvp_residents", "note", "id = 1");
      assertTrue(note.startsWith("cs1:01:"), "no choice, default AES: " + note);

      Map<String, Object> aria = TestSessionFactories.settings(db, kms);
      aria.put("hibernate.hbm2ddl.auto", "none");
      aria.put("colseal.crypto.default-algorithm", "aria-256-gcm");
      try (SessionFactory sf = TestSessionFactories.build(aria, KcmvpResident.class)) {
        KcmvpResident r = sf.fromTransaction(s -> s.find(KcmvpResident.class, 1L));
        assertEquals(RRN, r.rrn);
        assertEquals("CANARY-note-1", r.note, "an ARIA-default SessionFactory reads 01");
        sf.inTransaction(s -> s.persist(new KcmvpResident(2, RRN, born, "CANARY-note-2")));
      }
      String note2 = (String) Raw.value(db, "kcmvp_residents", "note", "id = 2");
      assertTrue(note2.startsWith("cs1:03:"), "no choice follows default-algorithm: " + note2);

      Map<String, Object> aes = TestSessionFactories.settings(db, kms);
      aes.put("hibernate.hbm2ddl.auto", "none");
      try (SessionFactory sf = TestSessionFactories.build(aes, KcmvpResident.class)) {
        assertEquals("CANARY-note-2", sf.fromTransaction(s -> s.find(KcmvpResident.class, 2L)).note);
        Raw.update(db, "UPDATE kcmvp_residents SET note = ? WHERE id = 2", rrn);
        Exception e = assertThrows(Exception.class, () -> sf.fromTransaction(s -> s.find(KcmvpResident.class, 2L)));
        String cause = String.valueOf(Raw.causeOf(e, io.colseal.exception.DecryptionException.class));
        assertTrue(cause.contains("kcmvp_residents.") && !cause.contains("CANARY"), cause);
      }
    }
  }

  @EachDatabase(except = {Kind.POSTGRESQL, Kind.MARIADB}, because = "a start-up refusal before any SQL runs; H2 shows it")
  void ariaDeterministic_refusedAtStartupNamingTheAttribute(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Exception e = assertThrows(Exception.class,
          () -> TestSessionFactories.build(TestSessionFactories.settings(db, new InMemoryKms()), AriaDeterministic.class)
              .close());
      ColsealMappingException m = Raw.causeOf(e, ColsealMappingException.class);
      assertTrue(m != null && m.getMessage().contains("AriaDeterministic.email")
          && m.getMessage().contains("ARIA_256_GCM"), String.valueOf(m != null ? m.getMessage() : e));
    }
  }
}
