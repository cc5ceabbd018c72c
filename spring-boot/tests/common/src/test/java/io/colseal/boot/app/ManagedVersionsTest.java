package io.colseal.boot.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * The application runs on what its Boot line manages, with no version overridden: the versions on
 * the test class path are the line's ({@link BootLine}), and the version matrix names them for
 * this module.
 */
class ManagedVersionsTest {
  @Test
  void classPath_bootLineManagedVersions_noOverrides() {
    assertAll(
        () -> assertEquals(BootLine.BOOT, SpringBootVersion.getVersion(), "Spring Boot"),
        () -> assertEquals(BootLine.HIBERNATE, org.hibernate.Version.getVersionString(), "Hibernate ORM"),
        () -> assertEquals(BootLine.H2, h2Version(), "H2"),
        () -> assertEquals(BootLine.FLYWAY, mavenVersion("org.flywaydb", "flyway-core"), "Flyway"),
        () -> assertEquals(BootLine.JACKSON, LineApi.jacksonVersion(), "Jackson"),
        () -> assertEquals(BootLine.JAVA, Runtime.version().feature(), "Java"));
  }

  /** Read at run time: {@code Constants.VERSION} is a constant the compiler would copy into this class. */
  private static Object h2Version() throws ReflectiveOperationException {
    return org.h2.engine.Constants.class.getField("VERSION").get(null);
  }

  /** The version in the {@code pom.properties} Maven put into the jar. */
  private static String mavenVersion(String groupId, String artifactId) throws IOException {
    String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = ManagedVersionsTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no " + resource + " on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    }
  }

  @Test
  void versionMatrix_namesThisModulesVersions() throws IOException {
    String matrix = Files.readString(Path.of("../../../docs/reference/version-matrix.md"), StandardCharsets.UTF_8);
    String row = matrix.lines().filter(l -> l.contains("`" + BootLine.MODULE + "`")).findFirst()
        .orElseThrow(() -> new AssertionError("docs/reference/version-matrix.md has no row for " + BootLine.MODULE));

    for (String version : new String[] {BootLine.BOOT, BootLine.HIBERNATE, BootLine.H2, BootLine.FLYWAY, BootLine.JACKSON}) {
      assertTrue(row.contains(version), "the row of " + BootLine.MODULE + " lacks " + version + ": " + row);
    }
  }
}
