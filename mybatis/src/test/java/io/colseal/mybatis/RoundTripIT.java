package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.mybatis.model.Customer;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Values written through mapper XML and annotation mappers come back equal, and are stored as envelopes. */
class RoundTripIT {
  static Customer full(long id) {
    Customer c = new Customer(id, "kim" + id + "@example.com", "010-1234-56" + (10 + id));
    c.setBirthDate(LocalDate.of(1990, 3, 1));
    c.setPhoto(new byte[] {1, 2, 3, (byte) id});
    c.setMemo("메모 " + id);
    c.setCredit(-7);
    c.setBalance(new BigDecimal("1234.50"));
    return c;
  }

  @EachDatabase
  void xmlMapper_everyType_roundTripsAndStoresEnvelopesOnly(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      Customer written = full(1);
      store.xml(m -> {
        m.insert(written);
        return null;
      });
      assertEquals(written, store.xml(m -> m.findById(1)));

      for (String column : List.of("email", "phone", "birth_date", "credit", "balance")) {
        String raw = (String) Raw.value(db, "customers", column, "id = 1");
        assertTrue(raw.startsWith("cs1:"), column + " holds " + raw);
      }
      assertTrue(((String) Raw.value(db, "customers", "email", "id = 1")).startsWith("cs1:02:"), "deterministic");
      assertTrue(((String) Raw.value(db, "customers", "phone", "id = 1")).startsWith("cs1:01:"), "randomized");
      assertTrue(((String) Raw.value(db, "customers", "phone_bidx", "id = 1")).startsWith("bi1:"));
      for (String column : List.of("photo", "memo")) {
        byte[] raw = (byte[]) Raw.value(db, "customers", column, "id = 1");
        assertArrayEquals(new byte[] {'c', 's', 1}, java.util.Arrays.copyOf(raw, 3), column + " is a binary envelope");
        assertFalse(new String(raw, StandardCharsets.UTF_8).contains("메모"), column);
      }
    }
  }

  @EachDatabase
  void annotationMapper_roundTripsAndFindsByDeterministicColumnAndBlindIndex(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      Customer c = new Customer(5, "lee@example.com", "010-9876-5432");
      c.setBirthDate(LocalDate.of(1985, 7, 9));
      store.annotated(m -> {
        m.insert(c);
        return null;
      });
      assertEquals(List.of(c), store.annotated(m -> m.findByEmail("lee@example.com")));
      assertEquals(List.of(c), store.annotated(m -> m.findByPhone("01098765432")));
      assertEquals(List.of(), store.annotated(m -> m.findByEmail("LEE@example.com")));
      assertTrue(((String) Raw.value(db, "customers", "birth_date", "id = 5")).startsWith("cs1:01:"));
    }
  }

  @EachDatabase
  void nulls_stayNullInTheDatabaseAndInTheBean(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      Customer empty = new Customer(2, null, null);
      store.xml(m -> {
        m.insert(empty);
        return null;
      });
      for (String column : List.of("email", "phone", "phone_bidx", "birth_date", "photo", "memo", "credit",
          "balance")) {
        assertNull(Raw.value(db, "customers", column, "id = 2"), column);
      }
      assertEquals(empty, store.xml(m -> m.findById(2)));
      assertEquals(List.of(), store.xml(m -> m.findByEmail(null)), "email = NULL matches nothing, as in SQL");
    }
  }

  @EachDatabase
  void emptyValues_roundTripAsEmpty(TestDatabase db) throws Exception {
    try (CustomerStore store = CustomerStore.open(db, new InMemoryKms())) {
      Customer c = new Customer(3, "", "");
      c.setPhoto(new byte[0]);
      c.setMemo("");
      store.xml(m -> {
        m.insert(c);
        return null;
      });
      assertEquals(c, store.xml(m -> m.findById(3)));
      assertTrue(((String) Raw.value(db, "customers", "email", "id = 3")).startsWith("cs1:02:"));
    }
  }
}
