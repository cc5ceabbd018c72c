package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.model.DynamicIndexedCustomer;
import io.colseal.hibernate.model.IndexedCustomer;
import io.colseal.hibernate.testing.CountingStatementInspector;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.keys.KeyVersion;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.LogCapture;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/** {@code @BlindIndex} end to end on H2, PostgreSQL and MariaDB. */
class BlindIndexIT {
  private static List<Long> byEmail(SessionFactory sf, String email) {
    return sf.fromTransaction(s -> s.createSelectionQuery(
            "select c.id from IndexedCustomer c where c.emailIndex = :email order by c.id", Long.class)
        .setParameter("email", email).getResultList());
  }

  private static void seed(SessionFactory sf) {
    sf.inTransaction(s -> {
      s.persist(new IndexedCustomer(1, "Alice@Example.com", "010-1234-5678", "A-1"));
      s.persist(new IndexedCustomer(2, "bob@example.com", "010-9999-0000", "B-2"));
      s.persist(new IndexedCustomer(3, "carol@example.com", "02-555-0101", "C-3"));
    });
  }

  @EachDatabase
  void query_plaintextParameter_findsRowThroughNormalisedIndex(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
      seed(sf);
      assertEquals(List.of(1L), byEmail(sf, "alice@example.com"));
      assertEquals(List.of(1L), byEmail(sf, "  ALICE@example.COM "));
      assertEquals(List.of(), byEmail(sf, "alice@example.org"));
      List<Long> in = sf.fromTransaction(s -> s.createSelectionQuery(
              "select c.id from IndexedCustomer c where c.emailIndex in (:emails) order by c.id", Long.class)
          .setParameterList("emails", List.of("BOB@example.com", "carol@example.com", "nobody@example.com"))
          .getResultList());
      assertEquals(List.of(2L, 3L), in);
      List<IndexedCustomer> criteria = sf.fromTransaction(s -> {
        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<IndexedCustomer> q = cb.createQuery(IndexedCustomer.class);
        Root<IndexedCustomer> r = q.from(IndexedCustomer.class);
        q.where(cb.equal(r.get("emailIndex"), "Alice@Example.com"));
        return s.createQuery(q).getResultList();
      });
      assertEquals(1, criteria.size());
      assertEquals("Alice@Example.com", criteria.get(0).email);
      List<IndexedCustomer> phone = sf.fromTransaction(s -> BlindIndexes.find(s, IndexedCustomer.class, "phone",
          "(010) 1234 5678"));
      assertEquals(List.of(1L), phone.stream().map(c -> c.id).toList());
    }
  }

  @EachDatabase
  void update_sourceChanged_oldValueNoLongerFound_newValueFound(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
      seed(sf);
      sf.inTransaction(s -> s.find(IndexedCustomer.class, 1L).email = "alice@new.example");
      assertEquals(List.of(), byEmail(sf, "alice@example.com"));
      assertEquals(List.of(1L), byEmail(sf, "Alice@New.Example"));
      sf.inTransaction(s -> s.find(IndexedCustomer.class, 1L).email = null);
      assertEquals(List.of(), byEmail(sf, "alice@new.example"));
      assertNull(Raw.value(db, "indexed_customers", "email_bidx", "id = 1"));
      sf.inTransaction(s -> s.find(IndexedCustomer.class, 1L).email = "alice@example.com");
      assertEquals(List.of(1L), byEmail(sf, "alice@example.com"));
    }
  }

  @EachDatabase
  void loadAndFlush_unchanged_writesNothing_otherChange_keepsIndex(Kind kind) throws Exception {
    CountingStatementInspector sql = new CountingStatementInspector();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.STATEMENT_INSPECTOR, sql);
      try (SessionFactory sf = TestSessionFactories.build(settings, IndexedCustomer.class)) {
        seed(sf);
        Object before = Raw.value(db, "indexed_customers", "email_bidx", "id = 1");
        sql.reset();
        sf.getStatistics().clear();
        sf.inTransaction(s -> {
          assertEquals(3, s.createSelectionQuery("from IndexedCustomer", IndexedCustomer.class).getResultList().size());
          s.flush();
        });
        assertEquals(0, sql.updates());
        assertEquals(0, sf.getStatistics().getEntityUpdateCount());

        sf.inTransaction(s -> s.find(IndexedCustomer.class, 1L).note = "changed");
        assertEquals(1, sql.updates());
        assertEquals(before, Raw.value(db, "indexed_customers", "email_bidx", "id = 1"));
        assertEquals(List.of(1L), byEmail(sf, "alice@example.com"));
      }
    }
  }

  @EachDatabase
  void dynamicUpdate_sourceChanged_indexRewritten(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), DynamicIndexedCustomer.class)) {
      sf.inTransaction(s -> {
        DynamicIndexedCustomer c = new DynamicIndexedCustomer();
        c.id = 1L;
        c.email = "dora@example.com";
        s.persist(c);
      });
      sf.inTransaction(s -> s.find(DynamicIndexedCustomer.class, 1L).note = "only the note");
      sf.inTransaction(s -> s.find(DynamicIndexedCustomer.class, 1L).email = "dora@new.example");
      assertEquals(0, sf.fromTransaction(s -> BlindIndexes.find(s, DynamicIndexedCustomer.class, "email",
          "dora@example.com")).size());
      assertEquals(1, sf.fromTransaction(s -> BlindIndexes.find(s, DynamicIndexedCustomer.class, "email",
          "DORA@new.example")).size());
    }
  }

  @EachDatabase
  void find_truncatedIndex_rawQueryHasFalsePositives_findReturnsOnlyMatches(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
      sf.inTransaction(s -> {
        for (long id = 1; id <= 40; id++) {
          s.persist(new IndexedCustomer(id, "user" + id + "@example.com", "010-0000-" + id, "code-" + id));
        }
      });
      // One bit: about half of the 40 rows share the index value of "code-7".
      List<IndexedCustomer> raw = sf.fromTransaction(s -> s.createSelectionQuery(
          "from IndexedCustomer c where c.codeIndex = :code", IndexedCustomer.class).setParameter("code", "code-7")
          .getResultList());
      assertTrue(raw.size() > 1, "raw lookup returned " + raw.size() + " rows");
      assertTrue(raw.stream().anyMatch(c -> !c.code.equals("code-7")), "raw lookup has false positives");
      List<IndexedCustomer> exact = sf.fromTransaction(s -> BlindIndexes.find(s, IndexedCustomer.class, "code",
          "code-7"));
      assertEquals(List.of(7L), exact.stream().map(c -> c.id).toList());
      sf.inTransaction(s -> {
        List<IndexedCustomer> filtered = s.createSelectionQuery("from IndexedCustomer c where c.codeIndex = :code",
                IndexedCustomer.class).setParameter("code", "code-7").getResultList().stream()
            .filter(c -> BlindIndexes.matches(s, c, "code", "code-7")).toList();
        assertEquals(List.of(7L), filtered.stream().map(c -> c.id).toList());
      });
    }
  }

  @EachDatabase
  void registryAndKeyTable_listIndexColumnsAndHmacKey_rotationRefused(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
      seed(sf);
      String stored = (String) Raw.value(db, "indexed_customers", "email_bidx", "id = 1");
      assertTrue(stored.matches("bi1:1:[A-Za-z0-9_-]{43}"), stored);
      assertTrue(((String) Raw.value(db, "indexed_customers", "code_bidx", "id = 1")).matches("bi1:1:(AA|gA)"));
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT column_name, mode, source_column, normalizer, index_bits, storage"
              + " FROM colseal_column WHERE table_name = 'indexed_customers' ORDER BY column_name")) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
              .append(' ').append(rs.getString(4)).append(' ').append(rs.getObject(5)).append(' ')
              .append(rs.getString(6)).append('\n');
        }
        assertEquals("""
            code RANDOMIZED null null null TEXT
            code_bidx BLIND_INDEX code AS_IS 1 TEXT
            email RANDOMIZED null null null TEXT
            email_bidx BLIND_INDEX email LOWER_TRIM 256 TEXT
            phone RANDOMIZED null null null TEXT
            phone_bidx BLIND_INDEX phone DIGITS_ONLY 12 TEXT
            """, rows.toString());
      }
      var colseal = ColsealHibernate.colseal(sf);
      KeyVersion key = colseal.keyRing().versions().stream()
          .filter(v -> v.table().equals("indexed_customers#bidx")).findFirst().orElseThrow();
      assertEquals("HMAC_SHA_256", key.algorithm().name());
      assertEquals(0, key.encryptionsReserved());
      ColsealException e = assertThrows(ColsealException.class,
          () -> colseal.keyRing().rotate("indexed_customers#bidx"));
      assertEquals(ErrorCode.KEY_IN_USE, e.code());
    }
  }

  @EachDatabase
  void backfill_indexColumnCleared_rebuiltFromSource(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
      seed(sf);
      Raw.update(db, "UPDATE indexed_customers SET email_bidx = NULL");
      assertEquals(List.of(), byEmail(sf, "bob@example.com"));
      long written = sf.fromTransaction(s -> BlindIndexes.backfill(s, IndexedCustomer.class, "email", 2));
      assertEquals(3, written);
      assertEquals(List.of(2L), byEmail(sf, "BOB@example.com"));
      assertEquals(List.of(1L), byEmail(sf, "alice@example.com"));
    }
  }

  @EachDatabase
  void traceLogging_writesAndLookups_noCanaryInLogs(Kind kind) throws Exception {
    String canary = "CANARY-" + UUID.randomUUID();
    try (TestDatabase db = TestDatabase.create(kind);
        LogCapture logs = new LogCapture(Map.of(
            "org.hibernate", Level.TRACE,
            "org.hibernate.SQL", Level.TRACE,
            "org.hibernate.orm.jdbc.bind", Level.TRACE,
            "io.colseal", Level.TRACE))) {
      try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), IndexedCustomer.class)) {
        sf.inTransaction(s -> s.persist(new IndexedCustomer(1, canary + "@example.com", "010", canary + "-code")));
        sf.inTransaction(s -> s.find(IndexedCustomer.class, 1L).email = canary + "@changed.example");
        assertEquals(List.of(1L), byEmail(sf, canary + "@changed.example"));
        assertEquals(1, sf.fromTransaction((Session s) -> BlindIndexes.find(s, IndexedCustomer.class, "code",
            canary + "-code")).size());
      }
      String captured = logs.text();
      assertTrue(captured.contains("bi1:1:"), "bind logging captured index values");
      assertFalse(captured.contains(canary), "log output contains the canary");
    }
  }
}
