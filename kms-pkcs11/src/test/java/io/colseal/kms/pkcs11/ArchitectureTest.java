package io.colseal.kms.pkcs11;

import io.colseal.testing.ModuleRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** colseal-kms-pkcs11 exports its provider package and reaches colseal-core through core's API only. */
class ArchitectureTest {
  @Test
  void moduleInfo_exportsTheProviderPackageOnly() {
    ModuleRules.assertExportsExactly(Pkcs11KmsProvider.class, Set.of("io.colseal.kms.pkcs11"));
  }

  @Test
  void usesNoInternalsOfTheCore() {
    ModuleRules.assertNoDependencyOn(Pkcs11KmsProvider.class, "io.colseal.internal.");
  }
}
