package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.SchemaManagement;
import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;

/** The key table's migrations, constraints and coexistence with an application's own Flyway. */
class KeyTableIT {
  private static final String INSERT =
      "INSERT INTO colseal_data_key (table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key,"
          + " key_check_value, created_at, updated_at) VALUES (?, ?, ?, 'AES_256_GCM', 'local', 'k', ?, 'abcd',"
          + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";

  private static Colseal start(TestDatabase db, SchemaManagement management) {
    return Colseal.start(db.dataSource(),
        ColsealConfig.builder().kmsProvider(new InMemoryKms()).schemaManagement(management).build());
  }

  private static String sqlState(Throwable e) {
    return ((SQLException) e).getSQLState();
  }

  @EachDatabase
  void database_rejectsSecondActiveVersionOfATable(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      start(db, SchemaManagement.MIGRATE).close();
      Raw.update(db, INSERT, "customers", 1, "ACTIVE", new byte[] {1});
      SQLException e = assertThrows(SQLException.class, () -> Raw.update(db, INSERT, "customers", 2, "ACTIVE", new byte[] {2}));
      assertTrue(sqlState(e).startsWith("23"), sqlState(e));
      // Another version that is not ACTIVE, and ACTIVE versions of other tables, are fine.
      Raw.update(db, INSERT, "customers", 2, "DECRYPT_ONLY", new byte[] {2});
      Raw.update(db, INSERT, "accounts", 1, "ACTIVE", new byte[] {3});
      assertEquals(List.of(1), Raw.values(db, "colseal_data_key", "key_version", "table_name = 'customers' AND state = 'ACTIVE'"));
    }
  }

  @EachDatabase
  void database_rejectsInvalidStatesAndDestroyedKeysWithBytes(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      start(db, SchemaManagement.MIGRATE).close();
      assertThrows(SQLException.class, () -> Raw.update(db, INSERT, "t", 1, "DISABLED", new byte[] {1}));
      assertThrows(SQLException.class, () -> Raw.update(db, INSERT, "t", 1, "DESTROYED", new byte[] {1}));
      assertThrows(SQLException.class, () -> Raw.update(db, INSERT, "t", 1, "ACTIVE", null));
      assertThrows(SQLException.class, () -> Raw.update(db, INSERT, "t", 0, "ACTIVE", new byte[] {1}));
      Raw.update(db, INSERT, "t", 1, "DESTROYED", null);
    }
  }

  @EachDatabase
  void migrate_besideApplicationFlyway_keepsBothHistories(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Flyway app = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/testapp").load();
      app.migrate();
      try (Colseal c = start(db, SchemaManagement.MIGRATE)) {
        c.textColumn("app_things", "name", String.class).encrypt("x");
      }
      try (Colseal again = start(db, SchemaManagement.MIGRATE)) {
        assertEquals(1, again.keyRing().versions().size());
      }
      app.validate();
      assertEquals(0, app.migrate().migrationsExecuted);
      assertEquals(1, app.info().applied().length);
    }
  }

  @EachDatabase
  void includedInApplicationFlyway_thenValidate_works(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Flyway app = Flyway.configure().dataSource(db.dataSource())
          .locations("classpath:db/testapp", DatabaseVendor.fromProductName(kind.name()).migrationLocation())
          .load();
      assertEquals(1 + KeyTableScript.ALL.size(), app.migrate().migrationsExecuted);
      try (Colseal c = start(db, SchemaManagement.VALIDATE)) {
        ColumnCipher<String, String> cipher = c.textColumn("app_things", "name", String.class);
        assertEquals("x", cipher.decrypt(cipher.encrypt("x")));
      }
      try (Colseal c = start(db, SchemaManagement.NONE)) {
        assertEquals(1, c.keyRing().versions().size());
      }
    }
  }

  @EachDatabase
  void validate_withoutKeyTable_failsNamingTableAndRemedy(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> start(db, SchemaManagement.VALIDATE));
      assertTrue(e.getMessage().contains("colseal_data_key") && e.getMessage().contains("migrate"), e.getMessage());
    }
  }

  /**
   * A key table migrated by an older colseal, without the key command history (V0_8) that every
   * {@code keys retire/destroy/rewrap} writes to: validate fails at start-up, naming the remedy,
   * instead of letting the first key command fail.
   */
  @EachDatabase
  void validate_withoutKeyEventTable_failsAtStartUp(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      try (Colseal c = start(db, SchemaManagement.MIGRATE)) {
        assertEquals(0, c.keyRing().versions().size());
      }
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE colseal_key_event");
      }
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> start(db, SchemaManagement.VALIDATE));
      assertTrue(e.getMessage().contains("migrate"), e.getMessage());
    }
  }

  /**
   * A key table migrated before the usage records (V0_9) that every encrypting process flushes to:
   * validate fails at start-up, naming the remedy, instead of the flushes failing quietly (issue 15,
   * defect 1).
   */
  @EachDatabase
  void validate_withoutKeyUsageTables_failsAtStartUp(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      start(db, SchemaManagement.MIGRATE).close();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE colseal_key_usage");
      }
      ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> start(db, SchemaManagement.VALIDATE));
      assertTrue(e.getMessage().contains("migrate"), e.getMessage());
    }
  }
}
