package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.RuntimeClasspath;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an application that depends on colseal-core alone gets at run time, read from the resolved
 * runtime class path the build writes ({@code target/runtime-classpath.txt}, maven-dependency-plugin
 * {@code build-classpath}, scope runtime): slf4j-api, jspecify and BouncyCastle, and no Hibernate or
 * Flyway.
 */
class DependenciesTest {
  @Test
  void runtimeDependencies_haveNoHibernateAndNoFlyway() throws Exception {
    for (Path jar : RuntimeClasspath.entries()) {
      String p = jar.toString().replace('\\', '/');
      assertTrue(!p.contains("/org/hibernate/") && !p.contains("/org/flywaydb/") && !p.contains("/jakarta/persistence/"),
          "colseal-core pulls " + jar);
    }
  }

  @Test
  void runtimeDependencies_areTheThreeItNeeds() throws Exception {
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), RuntimeClasspath.artifacts());
  }
}
