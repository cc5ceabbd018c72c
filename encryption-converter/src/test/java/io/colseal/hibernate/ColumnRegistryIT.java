package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.KeyAdmin;
import io.colseal.RegisteredColumn;
import io.colseal.hibernate.model.Customer;
import io.colseal.hibernate.model.Member;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * The column registry: at start-up the application records every encrypted column (table, column,
 * Java type, storage, mode, classification) next to the key table, so the operator CLI and the audit
 * report can work from the database alone. Idempotent across restarts and instances.
 */
class ColumnRegistryIT {
  private static List<String> describe(List<RegisteredColumn> columns) {
    return columns.stream().map(c -> String.join("|", c.table(), c.column(), c.tableSql(), c.columnSql(), c.javaType(),
        c.storage().name(), c.mode().name(), c.classification().name(), c.entity() + '.' + c.attribute())).toList();
  }

  private static List<String> expected(SessionFactory sf) {
    return ColsealHibernate.inventory(sf).stream()
        .sorted(java.util.Comparator.comparing(EncryptedColumn::table).thenComparing(EncryptedColumn::column))
        .map(c -> String.join("|", c.table(), c.column(), c.tableSql(), c.columnSql(), c.javaType().getName(),
            c.storage().name(), c.mode().name(), c.classification().name(), c.entity() + '.' + c.attribute()))
        .distinct()
        .toList();
  }

  private static List<RegisteredColumn> registry(TestDatabase db) {
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()),
        ColsealConfig.builder().kmsProvider(new InMemoryKms()).build())) {
      return admin.columns();
    }
  }

  @EachDatabase
  void startup_recordsEveryEncryptedColumn_idempotently(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      InMemoryKms kms = new InMemoryKms();
      List<String> inventory;
      List<RegisteredColumn> first;
      try (SessionFactory sf = TestSessionFactories.build(db, kms, Member.class)) {
        inventory = expected(sf);
        first = registry(db);
        assertEquals(inventory, describe(first));
      }
      assertTrue(describe(first).contains(
          "members|rrn|members|rrn|java.lang.String|TEXT|RANDOMIZED|RESIDENT_REGISTRATION_NUMBER|"
              + Member.class.getName() + ".rrn"), describe(first).toString());
      first.forEach(c -> assertNotNull(c.registeredAt(), c.toString()));

      // A restart (and a second instance) registers nothing twice and keeps the first sighting.
      Map<String, Object> settings = TestSessionFactories.settings(db, kms);
      settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
      try (SessionFactory again = TestSessionFactories.build(settings, Member.class);
          SessionFactory other = TestSessionFactories.build(settings, Member.class)) {
        List<RegisteredColumn> after = registry(db);
        assertEquals(inventory, describe(after));
        assertEquals(inventory, expected(again));
        assertEquals(inventory, expected(other));
        for (int i = 0; i < after.size(); i++) {
          assertEquals(first.get(i).registeredAt(), after.get(i).registeredAt());
          assertTrue(!after.get(i).lastSeenAt().isBefore(first.get(i).lastSeenAt()));
        }
      }

      // Another application (entity set) on the same database adds its columns beside them.
      try (SessionFactory customers = TestSessionFactories.build(TestSessionFactories.settings(db, kms), Customer.class)) {
        List<String> all = describe(registry(db));
        assertTrue(all.containsAll(inventory));
        assertTrue(all.containsAll(expected(customers)), all.toString());
      }
    }
  }
}
