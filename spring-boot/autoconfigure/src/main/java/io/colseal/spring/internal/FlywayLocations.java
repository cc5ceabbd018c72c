package io.colseal.spring.internal;

import io.colseal.SchemaManagement;
import io.colseal.ColsealSettings;
import io.colseal.jdbc.DatabaseVendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Adds colseal's key-table scripts ({@code db/colseal/migration/<vendor>} in colseal-core) to the
 * locations of Boot's Flyway, when {@code colseal.key-table.schema-management} is {@code validate}:
 * then the application's Flyway creates and upgrades colseal's tables in its own history, before
 * Hibernate starts, and colseal only checks them. With {@code migrate} (the default) colseal keeps
 * migrating its tables itself, in its own history table, and Flyway is left as it is.
 */
final class FlywayLocations {
  private final BootSettings settings;

  FlywayLocations(BootSettings settings) {
    this.settings = settings;
  }

  void customize(FluentConfiguration configuration) {
    Object management = settings.colsealProperties().get(ColsealSettings.SCHEMA_MANAGEMENT.name());
    if (management == null
        || ColsealSettings.SCHEMA_MANAGEMENT.parse(management) != SchemaManagement.VALIDATE) {
      return;
    }
    String location = vendor(configuration.getDataSource()).migrationLocation();
    List<String> locations = new ArrayList<>();
    Arrays.stream(configuration.getLocations()).map(Location::getDescriptor).forEach(locations::add);
    if (!locations.contains(location)) {
      locations.add(location);
    }
    configuration.locations(locations.toArray(String[]::new));
  }

  private static DatabaseVendor vendor(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return DatabaseVendor.of(c);
    } catch (SQLException e) {
      throw new io.colseal.exception.ColsealConfigException("cannot tell the database of Flyway's DataSource to add"
          + " colseal's key-table scripts (SQLState " + e.getSQLState() + ")", e);
    }
  }
}
