package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.colseal.Colseal;
import io.colseal.spring.app.Customers;
import io.colseal.spring.app.JpaApp;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With Boot's Flyway and {@code colseal.key-table.schema-management=validate}, the application's
 * Flyway runs colseal's key-table scripts (in its own history, before Hibernate starts); with the
 * default {@code migrate} colseal keeps its own history and Flyway's is left alone.
 */
class FlywayIT {
  @TempDir Path dir;

  private ApplicationContextRunner on(TestDatabase db) {
    return BootContexts.jpa(dir).withUserConfiguration(JpaApp.class)
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
            "spring.datasource.password=" + db.password(), "spring.jpa.hibernate.ddl-auto=create-drop",
            // the application's own scripts would be here; colseal's are added to them
            "spring.flyway.locations=classpath:db/no-app-migrations");
  }

  @EachDatabase
  void validate_bootFlywayRunsColsealScripts_andColsealValidates(TestDatabase db) {
    on(db).withPropertyValues("colseal.key-table.schema-management=validate").run(context -> {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      List<String> versions = jdbc.queryForList("SELECT " + q(db, "version") + " FROM " + q(db, "flyway_schema_history")
          + " WHERE " + q(db, "success") + " AND " + q(db, "version") + " IS NOT NULL ORDER BY " + q(db, "installed_rank"), String.class);
      assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"), versions);
      assertFalse(tableExists(db, "colseal_schema_history"), "colseal's own migrator ran");
      context.getBean(Customers.class).add("ada@example.com");
      assertEquals(1, context.getBean(Colseal.class).stats().table("customers").encryptions());
    });
  }

  @EachDatabase
  void migrate_default_colsealKeepsItsOwnHistory(TestDatabase db) {
    on(db).run(context -> {
      assertEquals(0, context.getBean(JdbcTemplate.class).queryForObject(
          "SELECT COUNT(*) FROM " + q(db, "flyway_schema_history") + " WHERE " + q(db, "script")
              + " LIKE 'V0_%colseal%'", Integer.class));
      assertEquals(true, tableExists(db, "colseal_schema_history"));
    });
  }

  /** Flyway's lower-case names: quoted on H2, which folds unquoted names to upper case. */
  private static String q(TestDatabase db, String name) {
    return db.kind() == TestDatabase.Kind.H2 ? '"' + name + '"' : name;
  }

  private static boolean tableExists(TestDatabase db, String table) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }
}
