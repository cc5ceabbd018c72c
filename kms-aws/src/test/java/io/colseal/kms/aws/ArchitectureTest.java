package io.colseal.kms.aws;

import io.colseal.testing.ModuleRules;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** colseal-kms-aws exports its provider package and reaches colseal-core through core's API only. */
class ArchitectureTest {
  @Test
  void moduleInfo_exportsTheProviderPackageOnly() {
    ModuleRules.assertExportsExactly(AwsKmsProvider.class, Set.of("io.colseal.kms.aws"));
  }

  @Test
  void usesNoInternalsOfTheCore() {
    ModuleRules.assertNoDependencyOn(AwsKmsProvider.class, "io.colseal.internal.");
  }
}
