package io.colseal.kms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.testing.RuntimeClasspath;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an application gets at run time from colseal-kms-pkcs11, read from the resolved runtime
 * class path the build writes: colseal-core and its own three dependencies. The PKCS#11 side is the
 * JDK's SunPKCS11 (module {@code jdk.crypto.cryptoki}) and the HSM vendor's native library; no
 * Java library of a vendor, no JNI wrapper.
 */
class DependenciesTest {
  @Test
  void runtimeDependencies_areColsealCoreAndItsOwn_nothingForPkcs11() throws Exception {
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), RuntimeClasspath.artifactsBesideCore(),
        "colseal-kms-pkcs11's runtime dependencies besides colseal-core");
  }
}
