package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.Citizen;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import java.time.LocalDate;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * {@code colseal.crypto.column-keys} through Hibernate, given as a Hibernate property: randomized
 * attributes are stored as algorithm-04 envelopes and read back, deterministic ones stay algorithm
 * 02 (so equality search still works), a SessionFactory without the setting reads the same rows,
 * and a value copied to another row's other column fails.
 */
class ColumnKeysRoundTripIT {

  @EachDatabase
  void columnKeys_randomizedAttributesAre04_andEveryReaderOpensThem(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      InMemoryKms kms = new InMemoryKms();
      Map<String, Object> on = TestSessionFactories.settings(db, kms);
      on.put("colseal.crypto.column-keys", "true");
      LocalDate born = LocalDate.of(1990, 10, 31);
      try (SessionFactory sf = TestSessionFactories.build(on, Citizen.class)) {
        sf.inTransaction(s -> {
          s.persist(new Citizen(1, "CANARY-kim@example.com", born, 4242L, "CANARY-note-1"));
          s.persist(new Citizen(2, "CANARY-kim@example.com", born, 4243L, "CANARY-note-2"));
        });
        assertEquals("CANARY-note-1", sf.fromTransaction(s -> s.find(Citizen.class, 1L)).note);
        Long equal = sf.fromTransaction(s -> s.createSelectionQuery(
            "select count(c) from Citizen c where c.email = :e", Long.class)
            .setParameter("e", "CANARY-kim@example.com").getSingleResult());
        assertEquals(2L, equal, "deterministic search unchanged");
      }
      String note = (String) Raw.value(db, "citizens", "note", "id = 1");
      assertTrue(note.startsWith("cs1:04:0000000001:"), note);
      String email = (String) Raw.value(db, "citizens", "email", "id = 1");
      assertTrue(email.startsWith("cs1:02:0000000001:"), email);

      Map<String, Object> off = TestSessionFactories.settings(db, kms);
      off.put("hibernate.hbm2ddl.auto", "none");
      try (SessionFactory sf = TestSessionFactories.build(off, Citizen.class)) {
        Citizen c = sf.fromTransaction(s -> s.find(Citizen.class, 1L));
        assertEquals("CANARY-note-1", c.note, "a SessionFactory without the setting reads 04");
        assertEquals(born, c.birthDate);
        Raw.update(db, "UPDATE citizens SET note = ? WHERE id = 2", note);
        Citizen moved = sf.fromTransaction(s -> s.find(Citizen.class, 2L));
        assertEquals("CANARY-note-1", moved.note, "without row binding, a value moved between rows opens (issue 17)");
        Raw.update(db, "UPDATE citizens SET note = ? WHERE id = 2", email);
        Exception e = assertThrows(Exception.class, () -> sf.fromTransaction(s -> s.find(Citizen.class, 2L)));
        assertTrue(String.valueOf(Raw.causeOf(e, io.colseal.exception.DecryptionException.class)).contains("citizens.note"),
            e.toString());
      }
    }
  }
}
