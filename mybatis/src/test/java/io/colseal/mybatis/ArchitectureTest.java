package io.colseal.mybatis;

import io.colseal.testing.ModuleRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** colseal-mybatis' shape: one API package, colseal-core through its API, no Hibernate, no Spring. */
class ArchitectureTest {
  @Test
  void moduleInfo_exportsTheApiPackageOnly() {
    ModuleRules.assertExportsExactly(ColsealMyBatis.class, Set.of("io.colseal.mybatis"));
  }

  @Test
  void usesNoCoreInternalsHibernateSpringOrDrivers() {
    ModuleRules.assertNoDependencyOn(ColsealMyBatis.class, "io.colseal.internal.", "io.colseal.hibernate.",
        "org.hibernate.", "jakarta.persistence.", "org.springframework.", "org.mybatis.spring.", "org.h2.",
        "org.postgresql.", "org.mariadb.");
  }
}
