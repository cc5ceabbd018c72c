package io.colseal.operations;

import io.colseal.testing.ModuleRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * colseal-operations' shape: the job and the audit as API, their engines inside; no logging
 * binding, JDBC driver or command line, and colseal-core reached through its API only.
 */
class ArchitectureTest {
  @Test
  void moduleInfo_exportsTheApiPackagesOnly() {
    ModuleRules.assertExportsExactly(ReencryptionJob.class,
        Set.of("io.colseal.operations", "io.colseal.operations.report", "io.colseal.operations.audit"));
  }

  @Test
  void packages_areAcyclic() {
    ModuleRules.assertPackagesAcyclic(ReencryptionJob.class, "io.colseal.operations");
  }

  @Test
  void usesNoCoreInternalsDriversCommandLineOrLoggingBinding() {
    ModuleRules.assertNoDependencyOn(ReencryptionJob.class, "io.colseal.internal.", "picocli.", "org.h2.",
        "org.postgresql.", "org.mariadb.", "org.slf4j.simple.", "ch.qos.logback.", "software.amazon.", "org.hibernate.");
  }
}
