package io.colseal.operations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import io.colseal.testing.ModuleRules;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
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
        Set.of("io.colseal.operations", "io.colseal.operations.report", "io.colseal.operations.audit",
            "io.colseal.operations.legacy"));
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

  /**
   * Which database it is comes from colseal-core's DatabaseVendor, not from product names read
   * again; only the audit reads the product name, to print it in the report's source section.
   */
  @Test
  void databaseVendor_isColsealCoresOnly() {
    List<String> readers = new ArrayList<>();
    for (JavaClass c : ModuleRules.mainClasses(ReencryptionJob.class)) {
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        if (call.getTargetOwner().isEquivalentTo(DatabaseMetaData.class)
            && call.getName().equals("getDatabaseProductName") && !c.isEquivalentTo(ComplianceAudit.class)) {
          readers.add(c.getName());
        }
      }
    }
    assertTrue(readers.isEmpty(), "classes that detect the database themselves instead of DatabaseVendor.of: "
        + readers);
  }
}
