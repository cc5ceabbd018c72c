package io.colseal.spring.starter;

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
 * What a Spring Boot application gets at run time from the starter, read from the resolved runtime
 * class path the build writes ({@code target/runtime-classpath.txt}): colseal's jars, Hibernate (with
 * what it brings) through colseal-hibernate, and colseal-core's own three. No Spring Boot, Spring,
 * H2, Flyway, Jackson or Micrometer: the application brings those, so with Boot's parent every shared
 * library (Hibernate included) resolves to the version Boot manages.
 */
class StarterDependenciesTest {
  private static Set<String> runtimeArtifacts() throws Exception {
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    Set<String> names = new TreeSet<>();
    for (String entry : text.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      names.add(p.getFileName().toString().equals("classes")
          ? "reactor:" + p.getParent().getParent().getFileName()
          : p.getFileName().toString().replaceAll("-[0-9][^-]*(-SNAPSHOT|\\.Final)?\\.jar$", ""));
    }
    return names;
  }

  @Test
  void runtime_bringsNoSpringBootH2FlywayJacksonOrMicrometer() throws Exception {
    List<String> forbidden = runtimeArtifacts().stream().filter(n -> n.startsWith("spring-") || n.startsWith("h2")
        || n.startsWith("flyway") || n.startsWith("jackson") || n.startsWith("micrometer")).toList();
    assertEquals(List.of(), forbidden);
  }

  @Test
  void runtime_bringsTheAutoConfigurationColsealHibernateAndCore() throws Exception {
    Set<String> names = runtimeArtifacts();
    for (String colseal : List.of("autoconfigure", "encryption-converter", "core")) {
      assertTrue(names.contains("reactor:" + colseal) || names.stream().anyMatch(n -> n.startsWith("colseal-")
          && n.contains(colseal.equals("encryption-converter") ? "hibernate" : colseal)),
          colseal + " missing from " + names);
    }
    assertTrue(names.contains("hibernate-core"), "hibernate-core comes through colseal-hibernate: " + names);
  }
}
