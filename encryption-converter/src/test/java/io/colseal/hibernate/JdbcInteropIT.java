package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.hibernate.model.AllTypes;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import org.hibernate.SessionFactory;

/**
 * Plain JDBC code with its own {@link Colseal} (as a MyBatis or jOOQ service would run) and
 * Hibernate entities share one table and one key: each reads what the other wrote.
 */
class JdbcInteropIT {
  @EachDatabase
  void entityWrites_jdbcReads_andJdbcWrites_entityReads(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, kms, AllTypes.class);
        Colseal jdbc = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build())) {
      ColumnCipher<String, String> text = jdbc.textColumn("all_types", "text", String.class);
      ColumnCipher<LocalDate, String> birthday = jdbc.textColumn("all_types", "birthday", LocalDate.class);
      ColumnCipher<BigDecimal, String> amount = jdbc.textColumn("all_types", "amount", BigDecimal.class);
      ColumnCipher<byte[], byte[]> bytes = jdbc.binaryColumn("all_types", "bytes", byte[].class);

      AllTypes e = new AllTypes(1L);
      e.text = "customer1@example.com";
      e.birthday = LocalDate.of(1990, 1, 1);
      e.amount = new BigDecimal("10.50");
      e.bytes = new byte[] {1, 2, 3};
      sf.inTransaction(s -> s.persist(e));
      assertEquals("customer1@example.com", text.decrypt((String) Raw.value(db, "all_types", "text", "id = 1")));
      assertEquals(LocalDate.of(1990, 1, 1), birthday.decrypt((String) Raw.value(db, "all_types", "birthday", "id = 1")));
      assertEquals(new BigDecimal("10.50"), amount.decrypt((String) Raw.value(db, "all_types", "amount", "id = 1")));
      assertArrayEquals(new byte[] {1, 2, 3}, bytes.decrypt((byte[]) Raw.value(db, "all_types", "bytes", "id = 1")));

      try (Connection c = db.connect();
          PreparedStatement ps = c.prepareStatement(
              "INSERT INTO all_types (id, text, birthday, amount, bytes, prim_int, prim_long, prim_flag)"
                  + " VALUES (2, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, text.encrypt("written by jdbc"));
        ps.setString(2, birthday.encrypt(LocalDate.of(2000, 2, 29)));
        ps.setString(3, amount.encrypt(new BigDecimal("-0.01")));
        ps.setBytes(4, bytes.encrypt(new byte[] {9}));
        ps.setString(5, jdbc.textColumn("all_types", "prim_int", Integer.class).encrypt(7));
        ps.setString(6, jdbc.textColumn("all_types", "prim_long", Long.class).encrypt(8L));
        ps.setString(7, jdbc.textColumn("all_types", "prim_flag", Boolean.class).encrypt(true));
        ps.executeUpdate();
      }
      AllTypes read = sf.fromTransaction(s -> s.find(AllTypes.class, 2L));
      assertEquals("written by jdbc", read.text);
      assertEquals(LocalDate.of(2000, 2, 29), read.birthday);
      assertEquals(new BigDecimal("-0.01"), read.amount);
      assertArrayEquals(new byte[] {9}, read.bytes);
      assertEquals(7, read.primitiveInt);
      assertEquals(8L, read.primitiveLong);
      assertEquals(true, read.primitiveFlag);
      assertEquals(1, jdbc.keyRing().versions().size());
    }
  }
}
