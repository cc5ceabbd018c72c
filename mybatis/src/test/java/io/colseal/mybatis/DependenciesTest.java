package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    Set<String> names = new TreeSet<>();
    for (String entry : text.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString().equals("classes") ? p.getParent().getParent().getFileName().toString()
          : p.getFileName().toString().replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", "");
      names.add(name);
    }
    names.remove("core"); // the reactor's folder of colseal-core
    names.remove("colseal-core");
    assertEquals(Set.of("bcprov-jdk18on", "jspecify", "slf4j-api"), names,
        "colseal-mybatis' runtime dependencies besides colseal-core");
  }
}
