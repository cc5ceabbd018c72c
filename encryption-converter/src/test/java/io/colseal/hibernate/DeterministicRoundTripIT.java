package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.hibernate.model.Citizen;
import io.colseal.hibernate.testing.SharedFixtures.Fixture;
import io.colseal.hibernate.testing.SharedFixtures;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Encrypted(deterministic = true)} through Hibernate: values round-trip, equal values are
 * stored as equal envelopes (text and binary), the randomized column beside them stays random, and
 * the inventory and registry record the mode.
 */
class DeterministicRoundTripIT {
  private static final SharedFixtures FIXTURES = new SharedFixtures(f -> f, Citizen.class);

  @AfterAll
  static void close() {
    FIXTURES.close();
  }

  @EachDatabase
  void persistAndFind_deterministicAttributes_roundTripWithEqualEnvelopes(Kind kind) throws Exception {
    Fixture f = FIXTURES.get(kind);
    LocalDate born = LocalDate.of(1990, 10, 31);
    f.sf().inTransaction(s -> {
      s.persist(new Citizen(1, "CANARY-kim@example.com", born, 4242L, "CANARY-note"));
      s.persist(new Citizen(2, "CANARY-kim@example.com", born, 4242L, "CANARY-note"));
      s.persist(new Citizen(3, "CANARY-lee@example.com", born.plusDays(1), 4243L, "CANARY-note"));
    });
    Citizen read = f.sf().fromTransaction(s -> s.find(Citizen.class, 1L));
    assertEquals("CANARY-kim@example.com", read.email);
    assertEquals(born, read.birthDate);
    assertEquals(4242L, read.memberNo);
    assertEquals("CANARY-note", read.note);

    String email1 = (String) Raw.value(f.db(), "citizens", "email", "id = 1");
    assertTrue(email1.startsWith("cs1:02:0000000001:"), email1);
    assertEquals(email1, Raw.value(f.db(), "citizens", "email", "id = 2"));
    assertNotEquals(email1, Raw.value(f.db(), "citizens", "email", "id = 3"));
    assertEquals(Raw.value(f.db(), "citizens", "birth_date", "id = 1"), Raw.value(f.db(), "citizens", "birth_date", "id = 2"));
    byte[] no1 = (byte[]) Raw.value(f.db(), "citizens", "member_no", "id = 1");
    assertArrayEquals(no1, (byte[]) Raw.value(f.db(), "citizens", "member_no", "id = 2"));
    assertEquals(2, no1[3], "binary header names algorithm 0x02");
    String note1 = (String) Raw.value(f.db(), "citizens", "note", "id = 1");
    assertTrue(note1.startsWith("cs1:01:"), note1);
    assertNotEquals(note1, Raw.value(f.db(), "citizens", "note", "id = 2"));
  }

  @EachDatabase
  void inventoryAndRegistry_recordTheMode(Kind kind) {
    Fixture f = FIXTURES.get(kind);
    Map<String, EncryptionMode> modes = ColsealHibernate.inventory(f.sf()).stream()
        .collect(Collectors.toMap(EncryptedColumn::column, EncryptedColumn::mode));
    assertEquals(Map.of("email", EncryptionMode.DETERMINISTIC, "birth_date", EncryptionMode.DETERMINISTIC,
        "member_no", EncryptionMode.DETERMINISTIC, "note", EncryptionMode.RANDOMIZED), modes);
    try (io.colseal.KeyAdmin admin = io.colseal.KeyAdmin.open(
        io.colseal.jdbc.ConnectionSource.of(f.db().dataSource()), f.colseal().config())) {
      Map<String, EncryptionMode> registered = admin.columns().stream()
          .filter(c -> c.table().equals("citizens"))
          .collect(Collectors.toMap(RegisteredColumn::column, RegisteredColumn::mode));
      assertEquals(Map.of("email", EncryptionMode.DETERMINISTIC, "birth_date", EncryptionMode.DETERMINISTIC,
          "member_no", EncryptionMode.DETERMINISTIC, "note", EncryptionMode.RANDOMIZED), registered);
    }
  }

  @EachDatabase
  @SuppressWarnings("unchecked")
  void converterCipher_isTheColumnsDeterministicCipher(Kind kind) throws Exception {
    Fixture f = FIXTURES.get(kind);
    EncryptingConverter<String, String> converter = (EncryptingConverter<String, String>) ColsealHibernate
        .converters(f.sf()).stream()
        .filter(c -> c.binding() != null && c.binding().column().equals("email"))
        .findFirst().orElseThrow();
    io.colseal.ColumnCipher<String, String> cipher = converter.cipher();
    assertEquals(EncryptionMode.DETERMINISTIC, cipher.mode());
    assertEquals("citizens", cipher.table());
    f.sf().inTransaction(s -> s.persist(new Citizen(10, "CANARY-park@example.com", null, null, null)));
    assertEquals(cipher.encrypt("CANARY-park@example.com"), Raw.value(f.db(), "citizens", "email", "id = 10"));
  }

  @Test
  void cipher_unboundConverter_throwsNotBound() {
    EncryptingConverter<String, String> c = new EncryptedTextConverter<>(String.class) {};
    IllegalStateException e = assertThrows(IllegalStateException.class, c::cipher);
    assertTrue(e.getMessage().contains("not bound"), e.getMessage());
  }

  @Test
  void storageOfBinaryDeterministicColumn_isBinary() {
    Fixture f = FIXTURES.get(Kind.H2);
    assertEquals(Storage.BINARY, ColsealHibernate.inventory(f.sf()).stream()
        .filter(c -> c.column().equals("member_no")).findFirst().orElseThrow().storage());
  }
}
