package io.colseal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What an application that runs the re-encryption job or the audit itself gets at run time, read
 * from the resolved runtime class path the build writes ({@code target/runtime-classpath.txt}):
 * colseal-core and its three dependencies, and Micrometer only as the optional dependency it is.
 * No logging binding, no JDBC driver, no command-line parser, no AWS SDK, no Hibernate.
 */
class DependenciesTest {
  @Test
  void runtimeDependencies_areColsealCoreAndOptionalMicrometer() throws Exception {
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    Set<String> names = new TreeSet<>();
    for (String entry : text.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      // colseal-core may come as its jar (installed) or its classes folder (in the reactor)
      String name = p.getFileName().toString().equals("classes") ? p.getParent().getParent().getFileName().toString()
          : p.getFileName().toString().replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", "");
      names.add(name);
    }
    Set<String> optional = Set.of("micrometer-core", "micrometer-commons", "micrometer-observation", "HdrHistogram",
        "LatencyUtils");
    names.removeAll(optional);
    names.remove("core"); // the reactor's folder of colseal-core
    names.remove("colseal-core");
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), names,
        "colseal-operations' runtime dependencies besides colseal-core and the optional Micrometer");
  }
}
