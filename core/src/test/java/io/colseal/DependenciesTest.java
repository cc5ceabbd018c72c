package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an application that depends on colseal-core alone gets at run time, read from the resolved
 * runtime class path the build writes ({@code target/runtime-classpath.txt}, maven-dependency-plugin
 * {@code build-classpath}, scope runtime): slf4j-api, jspecify and BouncyCastle, and no Hibernate or
 * Flyway.
 */
class DependenciesTest {
  static List<Path> runtimeClasspath() throws Exception {
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    return text.isEmpty() ? List.of() : List.of(text.split(File.pathSeparator)).stream().map(Path::of).toList();
  }

  @Test
  void runtimeDependencies_haveNoHibernateAndNoFlyway() throws Exception {
    for (Path jar : runtimeClasspath()) {
      String p = jar.toString().replace('\\', '/');
      assertTrue(!p.contains("/org/hibernate/") && !p.contains("/org/flywaydb/") && !p.contains("/jakarta/persistence/"),
          "colseal-core pulls " + jar);
    }
  }

  @Test
  void runtimeDependencies_areTheThreeItNeeds() throws Exception {
    Set<String> names = new TreeSet<>();
    for (Path jar : runtimeClasspath()) {
      names.add(jar.getFileName().toString().replaceAll("-[0-9][^-]*\\.jar$", ""));
    }
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), names);
  }
}
