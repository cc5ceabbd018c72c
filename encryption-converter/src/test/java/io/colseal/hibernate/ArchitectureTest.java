package io.colseal.hibernate;

import io.colseal.testing.ModuleRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** colseal-hibernate's shape: it exports its one package and reaches colseal-core through core's API only. */
class ArchitectureTest {
  @Test
  void moduleInfo_exportsTheApiPackageOnly() {
    ModuleRules.assertExportsExactly(ColsealHibernate.class, Set.of("io.colseal.hibernate"));
  }

  @Test
  void usesNoInternalsOfTheCore() {
    ModuleRules.assertNoDependencyOn(ColsealHibernate.class, "io.colseal.internal.");
  }
}
