package io.colseal.sample;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Migrates as Spring Boot would, and keeps the result for the demo's report. */
@Component
@Profile(Demo.PROFILE)
class RecordingMigrationStrategy implements FlywayMigrationStrategy {
  private volatile @Nullable MigrateResult result;

  @Override
  public void migrate(Flyway flyway) {
    result = flyway.migrate();
  }

  /** The application schema's version after migrating, or {@code none}. */
  String schemaVersion() {
    MigrateResult r = result;
    if (r == null) {
      return "unknown";
    }
    if (r.targetSchemaVersion != null) {
      return r.targetSchemaVersion;
    }
    return r.initialSchemaVersion != null ? r.initialSchemaVersion : "none";
  }

  /** Migrations this start applied. */
  int migrationsApplied() {
    MigrateResult r = result;
    return r == null ? 0 : r.migrationsExecuted;
  }
}
