package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.AllTypes;
import io.colseal.hibernate.testing.CountingStatementInspector;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.stat.Statistics;

/**
 * Dirty checking compares domain values, never ciphertexts: loading and flushing unchanged
 * entities writes nothing and encrypts nothing, even for byte[] attributes.
 */
class DirtyCheckingIT {
  private static final int ROWS = 1_000;

  private static long encryptions(SessionFactory sf) {
    return ColsealHibernate.colseal(sf).keyRing().stats().encryptions();
  }

  @EachDatabase
  void loadAndFlush_thousandUnchangedEntities_noUpdateNoEncryption(Kind kind) {
    CountingStatementInspector sql = new CountingStatementInspector();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.STATEMENT_INSPECTOR, sql);
      settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
      try (SessionFactory sf = TestSessionFactories.build(settings, AllTypes.class)) {
        sf.inTransaction(s -> {
          for (long id = 1; id <= ROWS; id++) {
            s.persist(RoundTripIT.sample(id));
          }
        });
        assertEquals(ROWS * 14L, encryptions(sf), "14 non-null encrypted attributes per row");
        Statistics stats = sf.getStatistics();
        stats.clear();
        sql.reset();
        long before = encryptions(sf);

        sf.inTransaction(s -> {
          List<AllTypes> all = s.createSelectionQuery("from AllTypes", AllTypes.class).getResultList();
          assertEquals(ROWS, all.size());
          s.flush();
        });

        assertEquals(0, sql.updates());
        assertEquals(0, stats.getEntityUpdateCount());
        assertEquals(0, encryptions(sf) - before);
      }
    }
  }

  @EachDatabase
  void setEqualValues_noUpdate_realChange_oneUpdate(Kind kind) {
    CountingStatementInspector sql = new CountingStatementInspector();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.STATEMENT_INSPECTOR, sql);
      try (SessionFactory sf = TestSessionFactories.build(settings, AllTypes.class)) {
        sf.inTransaction(s -> s.persist(RoundTripIT.sample(1)));
        sql.reset();
        long before = encryptions(sf);
        sf.inTransaction(s -> {
          AllTypes a = s.find(AllTypes.class, 1L);
          a.text = new String(a.text.toCharArray());
          a.bytes = a.bytes.clone();
          a.amount = new BigDecimal(a.amount.toString());
        });
        assertEquals(0, sql.updates());
        assertEquals(0, encryptions(sf) - before);

        sf.inTransaction(s -> s.find(AllTypes.class, 1L).text = "changed");
        assertEquals(1, sql.updates());
        assertTrue(encryptions(sf) - before >= 1);
        assertEquals("changed", sf.fromTransaction(s -> s.find(AllTypes.class, 1L)).text);
      }
    }
  }
}
