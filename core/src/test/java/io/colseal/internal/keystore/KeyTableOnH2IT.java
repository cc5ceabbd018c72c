package io.colseal.internal.keystore;

import static io.colseal.internal.keystore.MigrationTesting.ALL_SCRIPTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.SchemaManagement;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The key table on H2 when the connection that migrated it has been closed. H2 2.4.240 (issue
 * 4302) cannot evaluate an {@code IN (...)} CHECK constraint once the session that created it is
 * gone; migration V0_6 replaces them. The build runs this class on that H2 too (execution h2-2.4).
 */
@OneDatabase(because = "tests of H2 itself: the H2 jar each build execution asks for, and H2 2.4.240's check-constraint bug")
class KeyTableOnH2IT {
  private static final String INSERT =
      "INSERT INTO colseal_data_key (table_name, key_version, state, algorithm, kek_provider, kek_id, wrapped_key,"
          + " key_check_value, created_at, updated_at) VALUES (?, 1, ?, 'AES_256_GCM', 'local', 'k', X'01', 'abcd',"
          + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";

  private static String h2Version(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      return c.getMetaData().getDatabaseProductVersion();
    }
  }

  private static void insert(Connection c, String table, String state) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, table);
      ps.setString(2, state);
      ps.executeUpdate();
    }
  }

  @Test
  void h2OnTheClassPath_isTheOneTheBuildExecutionAsksFor() throws Exception {
    String expected = System.getProperty("test.colseal.h2-version");
    Assumptions.assumeTrue(expected != null, "run by Maven, which names the H2 version");
    try (TestDatabase db = TestDatabase.create(Kind.H2)) {
      assertTrue(h2Version(db).startsWith(expected + " "), h2Version(db) + ", expected " + expected);
    }
  }

  @Test
  void migrate_onAConnectionClosedAfterwards_otherConnectionsCreateKeys() throws Exception {
    try (TestDatabase db = TestDatabase.create(Kind.H2); Connection other = db.connect()) {
      RecordingConnectionSource physical = RecordingConnectionSource.physical(db);
      assertEquals(ALL_SCRIPTS, new KeyTableMigrator(physical, DatabaseVendor.H2).migrate());
      physical.assertEachReleasedOnceAsHandedOut(); // closed: that session is gone

      try (Colseal c = Colseal.start(db.dataSource(),
          ColsealConfig.builder().kmsProvider(new InMemoryKms()).schemaManagement(SchemaManagement.NONE).build())) {
        ColumnCipher<String, String> cipher = c.textColumn("customers", "name", String.class);
        assertEquals("x", cipher.decrypt(cipher.encrypt("x")));
      }
      insert(other, "accounts", "ACTIVE");
      SQLException rejected = assertThrows(SQLException.class, () -> insert(other, "orders", "DISABLED"));
      assertEquals("23513", rejected.getSQLState()); // the constraint still holds, and is evaluated
    }
  }

  @Test
  void flywayUpToV0_5_onConnectionsClosedAfterwards_insertsFailOnlyOnH2_2_4() throws Exception {
    try (TestDatabase db = TestDatabase.create(Kind.H2); Connection other = db.connect()) {
      // Flyway's own DataSource for a URL opens physical connections and closes them when done.
      Flyway.configure().dataSource(db.url(), db.user(), db.password())
          .locations(DatabaseVendor.H2.migrationLocation()).table(SchemaHistory.TABLE).target("0.5").load().migrate();
      if (h2Version(db).startsWith("2.4.")) {
        SQLException e = assertThrows(SQLException.class, () -> insert(other, "accounts", "ACTIVE"));
        assertEquals("23514", e.getSQLState()); // "Check constraint invalid": the bug V0_6 works around
      } else {
        insert(other, "accounts", "ACTIVE");
      }
    }
  }
}
