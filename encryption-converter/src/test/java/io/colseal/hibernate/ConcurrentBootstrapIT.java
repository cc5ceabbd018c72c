package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.hibernate.model.Address;
import io.colseal.hibernate.model.Customer;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * Eight SessionFactories (separate key rings and pools) start at once against a database with no
 * key table: colseal's migration and the first key of every table race. Exactly one ACTIVE key per
 * table must result, and every row any of them wrote must decrypt.
 */
class ConcurrentBootstrapIT {
  private static final int INSTANCES = 8;
  private static final int ROWS_PER_INSTANCE = 25;
  private static final List<String> TABLES =
      List.of("customer_nicknames", "customer_past_addresses", "customer_phones", "customer_secrets", "customers");

  @EachDatabase
  void eightBootstrapsOnEmptyKeyTable_oneActiveKeyPerTable_allRowsDecrypt(Kind kind) throws Exception {
    for (int round = 0; round < 2; round++) {
      try (TestDatabase db = TestDatabase.create(kind)) {
        createAppTablesOnly(db);
        InMemoryKms kms = new InMemoryKms(); // one KEK, as all instances of one application share it
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SessionFactory>> started = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
          int instance = i;
          started.add(pool.submit(() -> {
            go.await();
            Map<String, Object> settings = TestSessionFactories.settings(db, kms);
            settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
            SessionFactory sf = TestSessionFactories.build(settings, Customer.class, Address.class);
            sf.inTransaction(s -> {
              for (int r = 0; r < ROWS_PER_INSTANCE; r++) {
                s.persist(customer(instance * 1000L + r));
              }
            });
            return sf;
          }));
        }
        go.countDown();
        List<SessionFactory> factories = new ArrayList<>();
        for (Future<SessionFactory> f : started) {
          factories.add(f.get());
        }
        pool.shutdown();

        assertEquals(activePerTable(1), keyRows(db, "state = 'ACTIVE'"));
        assertEquals(activePerTable(1), keyRows(db, "1 = 1"));

        Map<String, Object> settings = TestSessionFactories.settings(db, kms);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        try (SessionFactory reader = TestSessionFactories.build(settings, Customer.class, Address.class)) {
          List<Customer> all = reader.fromTransaction(
              s -> s.createSelectionQuery("from Customer c order by c.id", Customer.class).getResultList());
          assertEquals(INSTANCES * ROWS_PER_INSTANCE, all.size());
          for (Customer c : all) {
            assertEquals("customer" + c.id + "@example.com", c.email);
            assertEquals("note " + c.id, c.secretNote);
            assertEquals(java.util.Set.of("010-0000-" + c.id), c.phones);
          }
        }
        factories.forEach(SessionFactory::close);
        assertEquals(List.of(), Raw.values(db, "colseal_data_key", "table_name", "state <> 'ACTIVE'"));
      }
    }
  }

  private static Customer customer(long id) {
    Customer c = new Customer(id);
    c.email = "customer" + id + "@example.com";
    c.secretNote = "note " + id;
    c.phones.add("010-0000-" + id);
    c.nicknames.add("n" + id);
    c.home = new Address("street " + id, "Seoul");
    return c;
  }

  private static Map<String, Integer> activePerTable(int n) {
    Map<String, Integer> m = new TreeMap<>();
    TABLES.forEach(t -> m.put(t, n));
    return m;
  }

  private static Map<String, Integer> keyRows(TestDatabase db, String where) throws Exception {
    Map<String, Integer> m = new TreeMap<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT table_name, COUNT(*) FROM colseal_data_key WHERE " + where + " GROUP BY table_name")) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getInt(2));
      }
    }
    return m;
  }

  private static java.util.List<String> colsealTables(Connection c) throws java.sql.SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (java.sql.ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (name.toLowerCase(java.util.Locale.ROOT).startsWith("colseal_")) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static String quoted(TestDatabase db, String name) {
    String q = db.kind() == Kind.MARIADB ? "`" : "\"";
    return q + name + q;
  }

  /** Creates the application tables with Hibernate, then removes every trace of colseal. */
  private static void createAppTablesOnly(TestDatabase db) throws Exception {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Customer.class, Address.class)) {
      sf.getSchemaManager().validateMappedObjects();
    }
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      // Every table of colseal's, whatever migrations add: listed from the catalog, dropped until none
      // is left (a child table before its parent).
      java.util.List<String> left = colsealTables(c);
      for (int round = 0; !left.isEmpty() && round < 5; round++) {
        for (String t : left) {
          try {
            st.execute("DROP TABLE " + quoted(db, t));
          } catch (java.sql.SQLException referenced) {
            // A table another one still references: dropped in the next round.
          }
        }
        left = colsealTables(c);
      }
      if (!left.isEmpty()) {
        throw new IllegalStateException("colseal tables left after dropping them: " + left);
      }
    }
  }
}
