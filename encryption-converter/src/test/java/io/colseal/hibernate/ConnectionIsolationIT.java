package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.Person;
import io.colseal.hibernate.testing.ConnectionLedger;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * colseal shares the application's connections but never its transactions: a rolled-back
 * application transaction leaves no row, colseal's key-table writes made during it (here: usage
 * reservations, one every 5 encryptions) stay committed, and no connection is given back twice. On
 * Hibernate's built-in pool, HikariCP and a DataSource without a pool.
 */
class ConnectionIsolationIT {
  private static final String BOOM = "the application rolls back";

  private static Map<String, Object> colseal(Map<String, Object> settings) {
    settings.put(AvailableSettings.HBM2DDL_AUTO, "create");
    settings.put("colseal.kms.provider", new InMemoryKms());
    settings.put("colseal.keys.usage-block", "5");
    return settings;
  }

  @EachDatabase
  void rolledBackTransaction_hibernateBuiltInPool_leavesNoRow_keepsColsealsWrites_returnsNothingTwice(TestDatabase db)
      throws Exception {
    ConnectionLedger ledger = new ConnectionLedger();
    Map<String, Object> s = new HashMap<>();
    s.put(AvailableSettings.JAKARTA_JDBC_URL, db.url());
    s.put(AvailableSettings.JAKARTA_JDBC_USER, db.user());
    s.put(AvailableSettings.JAKARTA_JDBC_PASSWORD, db.password());
    s.put(AvailableSettings.POOL_SIZE, "5");
    s.put(AvailableSettings.CONNECTION_PROVIDER, ledger.builtInPool());
    check(db, colseal(s), ledger);
  }

  @EachDatabase
  void rolledBackTransaction_hikariCp_leavesNoRow_keepsColsealsWrites_returnsNothingTwice(TestDatabase db)
      throws Exception {
    ConnectionLedger ledger = new ConnectionLedger();
    check(db, colseal(dataSource(ledger.around(db.dataSource()))), ledger);
  }

  @EachDatabase
  void rolledBackTransaction_dataSourceWithoutPool_leavesNoRow_keepsColsealsWrites_returnsNothingTwice(TestDatabase db)
      throws Exception {
    ConnectionLedger ledger = new ConnectionLedger();
    DataSource plain = ConnectionLedger.unpooled(db.url(), db.user(), db.password());
    check(db, colseal(dataSource(ledger.around(plain))), ledger);
  }

  private static Map<String, Object> dataSource(DataSource ds) {
    Map<String, Object> s = new HashMap<>();
    s.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
    return s;
  }

  private static void check(TestDatabase db, Map<String, Object> settings, ConnectionLedger ledger) throws Exception {
    try (SessionFactory sf = TestSessionFactories.build(settings, Person.class)) {
      long reservedBefore = reserved(db);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> sf.inTransaction(session -> {
        for (long id = 1; id <= 20; id++) {
          session.persist(person(id));
        }
        session.flush();
        throw new IllegalStateException(BOOM);
      }));
      assertEquals(BOOM, e.getMessage());
      assertEquals(0L, count(db), "rows of the rolled-back transaction");
      assertTrue(reserved(db) >= reservedBefore + 20,
          "colseal's reservations made during the transaction were committed on colseal's own connection");

      sf.inTransaction(session -> {
        for (long id = 101; id <= 103; id++) {
          session.persist(person(id));
        }
      });
      assertEquals(3L, count(db), "a committed transaction after the rollback");
      assertEquals("P101", sf.fromTransaction(session -> session.find(Person.class, 101L)).passportNo);
    }
    assertEquals(0, ledger.doubleReturns(), "connections given back twice");
  }

  private static Person person(long id) {
    Person p = new Person();
    p.id = id;
    p.passportNo = "P" + id;
    return p;
  }

  private static long count(TestDatabase db) throws Exception {
    return ((Number) Raw.values(db, "persons", "COUNT(*)", "1 = 1").get(0)).longValue();
  }

  private static long reserved(TestDatabase db) throws Exception {
    return ((Number) Raw.value(db, "colseal_data_key", "encryptions_reserved", "table_name = 'persons'")).longValue();
  }
}
