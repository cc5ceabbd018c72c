package io.colseal.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.testing.RuntimeClasspath;
import java.util.Set;
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
    Set<String> names = RuntimeClasspath.artifactsBesideCore();
    Set<String> optional = Set.of("micrometer-core", "micrometer-commons", "micrometer-observation", "HdrHistogram",
        "LatencyUtils");
    names.removeAll(optional);
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), names,
        "colseal-operations' runtime dependencies besides colseal-core and the optional Micrometer");
  }
}
