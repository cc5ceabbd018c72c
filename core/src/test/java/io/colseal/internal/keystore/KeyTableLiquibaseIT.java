package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.SchemaManagement;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** colseal's key-table scripts run by an application's Liquibase, with the changelog the docs show. */
class KeyTableLiquibaseIT {
  static final String CHANGELOG = "db/liquibase/colseal-changelog.xml";

  @EachDatabase
  void liquibaseChangelog_thenValidate_works(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      try (Connection c = db.connect()) {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(KeyTableLiquibaseIT.class.getClassLoader()),
            () -> new CommandScope("update")
                .addArgumentValue("database", database)
                .addArgumentValue("changelogFile", CHANGELOG)
                .execute());
      }
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
        rs.next();
        assertEquals(KeyTableScript.ALL.size(), rs.getInt(1));
      }
      try (Colseal c = Colseal.start(db.dataSource(),
          ColsealConfig.builder().kmsProvider(new InMemoryKms()).schemaManagement(SchemaManagement.VALIDATE).build())) {
        ColumnCipher<String, String> cipher = c.textColumn("customers", "name", String.class);
        assertEquals("x", cipher.decrypt(cipher.encrypt("x")));
      }
    }
  }
}
