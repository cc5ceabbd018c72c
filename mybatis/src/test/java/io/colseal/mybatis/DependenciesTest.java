package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.testing.RuntimeClasspath;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a MyBatis application gets at run time from colseal-mybatis, read from the resolved runtime
 * class path the build writes ({@code target/runtime-classpath.txt}): colseal-core and its three
 * dependencies. MyBatis is the application's own ({@code provided}); no Hibernate, no Spring, no
 * JDBC driver.
 */
class DependenciesTest {
  @Test
  void runtimeDependencies_areColsealCoreAndItsOwn_noHibernateNoSpringNoMyBatis() throws Exception {
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), RuntimeClasspath.artifactsBesideCore(),
        "colseal-mybatis' runtime dependencies besides colseal-core");
  }
}
