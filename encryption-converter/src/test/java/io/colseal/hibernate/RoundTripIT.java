package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColumnCipher;
import io.colseal.exception.DecryptionException;
import io.colseal.hibernate.model.AllTypes;
import io.colseal.hibernate.testing.SharedFixtures.Fixture;
import io.colseal.hibernate.testing.SharedFixtures;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** Every supported type round-trips through JPA; the database holds envelopes only. */
class RoundTripIT {
  private static final SharedFixtures FIXTURES = new SharedFixtures(f -> f, AllTypes.class);

  @AfterAll
  static void close() {
    FIXTURES.close();
  }

  static AllTypes sample(long id) {
    AllTypes a = new AllTypes(id);
    a.text = "CANARY-text-주민등록번호-" + id;
    a.bytes = ("CANARY-bytes-" + id).getBytes(StandardCharsets.UTF_8);
    a.boxedInt = 123456789;
    a.primitiveInt = -42;
    a.boxedLong = 9_007_199_254_740_993L;
    a.primitiveLong = Long.MIN_VALUE;
    a.amount = new BigDecimal("12345.6789");
    a.flag = Boolean.TRUE;
    a.primitiveFlag = true;
    a.birthday = LocalDate.of(1990, 10, 31);
    a.moment = LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789);
    a.instant = Instant.parse("2026-11-28T12:34:56.987654321Z");
    a.uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    a.tier = AllTypes.Tier.GOLD;
    return a;
  }

  @EachDatabase
  void persistAndFind_everyType_roundTrips(Kind kind) {
    Fixture f = FIXTURES.get(kind);
    AllTypes written = sample(1);
    f.sf().inTransaction(s -> s.persist(written));
    AllTypes read = f.sf().fromTransaction(s -> s.find(AllTypes.class, 1L));
    assertEquals(written.text, read.text);
    assertArrayEquals(written.bytes, read.bytes);
    assertEquals(written.boxedInt, read.boxedInt);
    assertEquals(written.primitiveInt, read.primitiveInt);
    assertEquals(written.boxedLong, read.boxedLong);
    assertEquals(written.primitiveLong, read.primitiveLong);
    assertEquals(written.amount, read.amount);
    assertEquals(0, written.amount.scale() - read.amount.scale());
    assertEquals(written.flag, read.flag);
    assertEquals(written.primitiveFlag, read.primitiveFlag);
    assertEquals(written.birthday, read.birthday);
    assertEquals(written.moment, read.moment);
    assertEquals(written.instant, read.instant);
    assertEquals(written.uuid, read.uuid);
    assertEquals(written.tier, read.tier);
  }

  @EachDatabase
  void rawJdbcRead_showsEnvelopesNeverPlaintext(Kind kind) throws Exception {
    Fixture f = FIXTURES.get(kind);
    AllTypes written = sample(2);
    f.sf().inTransaction(s -> s.persist(written));
    String[] textColumns = {"text", "boxedInt", "prim_int", "boxedLong", "prim_long", "amount", "flag", "prim_flag",
        "birthday", "moment", "instant", "uuid", "tier"};
    for (String column : textColumns) {
      Object stored = Raw.value(f.db(), "all_types", column, "id = 2");
      assertInstanceOf(String.class, stored, column);
      String s = (String) stored;
      assertTrue(s.startsWith("cs1:01:0000000001:"), column + ": " + s);
      for (String plain : new String[] {"CANARY", "GOLD", "123456789", "1990", "true", "123e4567"}) {
        assertFalse(s.contains(plain), column + " contains " + plain);
      }
    }
    byte[] bytes = (byte[]) Raw.value(f.db(), "all_types", "bytes", "id = 2");
    assertEquals('c', bytes[0]);
    assertEquals('s', bytes[1]);
    assertEquals(1, bytes[2]);
    assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("CANARY"));
  }

  @EachDatabase
  void nullsStayNull_emptyStringIsEncrypted(Kind kind) throws Exception {
    Fixture f = FIXTURES.get(kind);
    AllTypes a = new AllTypes(3L);
    a.text = "";
    f.sf().inTransaction(s -> s.persist(a));
    assertNull(Raw.value(f.db(), "all_types", "boxedInt", "id = 3"));
    assertNull(Raw.value(f.db(), "all_types", "bytes", "id = 3"));
    String emptyStored = (String) Raw.value(f.db(), "all_types", "text", "id = 3");
    assertNotNull(emptyStored);
    assertTrue(emptyStored.startsWith("cs1:"));
    AllTypes read = f.sf().fromTransaction(s -> s.find(AllTypes.class, 3L));
    assertEquals("", read.text);
    assertNull(read.boxedInt);
    assertNull(read.uuid);
    assertEquals(0, read.primitiveInt);
  }

  @EachDatabase
  void storedEnvelope_everyBitFlipAndTruncation_rejectedWithoutPlaintext(Kind kind) throws Exception {
    Fixture f = FIXTURES.get(kind);
    AllTypes written = sample(4);
    f.sf().inTransaction(s -> s.persist(written));
    String stored = (String) Raw.value(f.db(), "all_types", "text", "id = 4");
    ColumnCipher<String, String> cipher = f.colseal().textColumn("all_types", "text", String.class);
    assertEquals(written.text, cipher.decrypt(stored));
    for (int pos = 0; pos < stored.length(); pos++) {
      for (int bit = 0; bit < 8; bit++) {
        char[] m = stored.toCharArray();
        m[pos] ^= (char) (1 << bit);
        String mutated = new String(m);
        RuntimeException e = assertThrows(RuntimeException.class, () -> cipher.decrypt(mutated));
        assertFalse(e.getMessage().contains("CANARY"));
      }
    }
    for (int len = 0; len < stored.length(); len++) {
      String truncated = stored.substring(0, len);
      assertThrows(DecryptionException.class, () -> cipher.decrypt(truncated));
    }
    // And through the ORM: a tampered row fails to load with the typed error.
    char[] m = stored.toCharArray();
    m[stored.length() - 5] ^= 1;
    Raw.update(f.db(), "UPDATE all_types SET text = ? WHERE id = 4", new String(m));
    RuntimeException e = assertThrows(RuntimeException.class, () -> f.sf().fromTransaction(s -> s.find(AllTypes.class, 4L)));
    DecryptionException d = Raw.causeOf(e, DecryptionException.class);
    assertNotNull(d, () -> "no DecryptionException in " + e);
    assertEquals("all_types", d.table());
    assertEquals("text", d.column());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("CANARY"), t.toString());
    }
    byte[] bytes = (byte[]) Raw.value(f.db(), "all_types", "bytes", "id = 4");
    assertTrue(Arrays.equals(written.bytes, f.colseal().binaryColumn("all_types", "bytes", byte[].class).decrypt(bytes)));
  }
}
