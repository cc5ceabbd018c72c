package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.mybatis.jpa.CustomerEntity;
import io.colseal.mybatis.model.Customer;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;

/**
 * MyBatis and a JPA application share the {@code customers} table, its keys and its format: each
 * reads what the other wrote, and each finds the other's rows by a deterministic value and by the
 * blind index, across a key rotation.
 */
class JpaCrossReadIT {
  @EachDatabase
  void hibernateWrites_myBatisReadsAndFinds_andMyBatisWrites_hibernateReadsAndFinds(TestDatabase db) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    Map<String, Object> settings = TestSessionFactories.settings(db, kms);
    settings.put("colseal.keys.refresh-interval", "PT0S");
    try (SessionFactory sf = TestSessionFactories.build(settings, CustomerEntity.class);
        CustomerStore store = CustomerStore.onExistingTable(db, kms)) {
      CustomerEntity e = new CustomerEntity();
      e.id = 1L;
      e.email = "jpa@example.com";
      e.phone = "010-1111-2222";
      e.birthDate = LocalDate.of(1970, 1, 1);
      e.photo = new byte[] {4, 5, 6};
      e.memo = "written by JPA";
      e.credit = 42;
      e.balance = new BigDecimal("0.01");
      sf.inTransaction(s -> s.persist(e));

      store.colseal.keyRing().rotate("customers");
      Customer m = RoundTripIT.full(2);
      store.xml(x -> {
        x.insert(m);
        return null;
      });

      Customer read = store.xml(x -> x.findById(1));
      assertEquals("jpa@example.com", read.getEmail());
      assertEquals("010-1111-2222", read.getPhone());
      assertEquals(LocalDate.of(1970, 1, 1), read.getBirthDate());
      assertArrayEquals(new byte[] {4, 5, 6}, read.getPhoto());
      assertEquals("written by JPA", read.getMemo());
      assertEquals(42, read.getCredit());
      assertEquals(new BigDecimal("0.01"), read.getBalance());
      assertEquals(List.of(1L), store.xml(x -> x.findByEmail("jpa@example.com")).stream().map(Customer::getId).toList(),
          "MyBatis finds the row JPA wrote under key version 1");
      assertEquals(List.of(1L), store.xml(x -> x.findByPhone("01011112222")).stream().map(Customer::getId).toList());

      CustomerEntity back = sf.fromTransaction(s -> s.find(CustomerEntity.class, 2L));
      assertEquals(m.getEmail(), back.email);
      assertEquals(m.getPhone(), back.phone);
      assertEquals(m.getBirthDate(), back.birthDate);
      assertArrayEquals(m.getPhoto(), back.photo);
      assertEquals(m.getMemo(), back.memo);
      assertEquals(m.getCredit(), back.credit);
      assertEquals(m.getBalance(), back.balance);
      List<Long> byEmail = sf.fromTransaction(s -> s.createSelectionQuery(
          "select c.id from CustomerEntity c where c.email in (:a, :b) order by c.id", Long.class)
          .setParameter("a", "jpa@example.com").setParameter("b", m.getEmail()).getResultList());
      assertEquals(List.of(1L, 2L), byEmail, "Hibernate finds its own row (v1) and MyBatis's (v2)");
      List<Long> byPhone = sf.fromTransaction(s -> s.createSelectionQuery(
          "select c.id from CustomerEntity c where c.phoneIndex = :p", Long.class)
          .setParameter("p", m.getPhone()).getResultList());
      assertEquals(List.of(2L), byPhone, "Hibernate finds MyBatis's row by the blind index MyBatis wrote");
    }
  }
}
