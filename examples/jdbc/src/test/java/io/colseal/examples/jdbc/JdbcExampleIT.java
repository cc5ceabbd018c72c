package io.colseal.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC example is what it claims: it depends on colseal-core alone, its whole runtime
 * dependency tree holds no Hibernate and no Flyway, and it runs on exactly that class path.
 */
class JdbcExampleIT {
  private static List<Path> runtimeClasspath() throws Exception {
    String text = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
    List<Path> out = new ArrayList<>();
    for (String entry : text.split(File.pathSeparator)) {
      out.add(Path.of(entry));
    }
    return out;
  }

  @Test
  void dependencyTree_hasColsealCoreAndNoHibernateNoFlyway() throws Exception {
    List<Path> classpath = runtimeClasspath();
    List<String> names = classpath.stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.stream().anyMatch(n -> n.startsWith("colseal-core") || n.equals("classes")), names.toString());
    for (Path jar : classpath) {
      String p = jar.toString().replace('\\', '/');
      assertFalse(p.contains("/org/hibernate/") || p.contains("/org/flywaydb/") || p.contains("/jakarta/persistence/")
          || p.contains("colseal-hibernate") || p.contains("encryption-converter"), "the example pulls " + jar);
    }
  }

  @Test
  void main_onItsRuntimeClasspathAlone_findsCustomersAcrossARotation_storesNoPlaintext(@TempDir Path dir)
      throws Exception {
    StringBuilder cp = new StringBuilder(Path.of("target", "classes").toAbsolutePath().toString());
    for (Path p : runtimeClasspath()) {
      cp.append(File.pathSeparator).append(p.toAbsolutePath());
    }
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        cp.toString(), Main.class.getName(), dir.resolve("data").toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the example did not finish");
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("by e-mail (row under key v1): Customer[id=1, email=kim@example.com"), output);
    assertTrue(output.contains("by e-mail (row under key v2): Customer[id=2, email=lee@example.com"), output);
    assertTrue(output.contains("by phone: [Customer[id=1, email=kim@example.com, phone=010-1234-5678"), output);
    assertTrue(output.contains("stored row 1: email=cs1:02:0000000001:"), output);
    assertTrue(output.contains("stored row 2: email=cs1:02:0000000002:"), output);
    byte[] db = Files.readAllBytes(dir.resolve("data").resolve("customers.mv.db"));
    String raw = new String(db, StandardCharsets.ISO_8859_1);
    for (String plaintext : List.of("kim@example.com", "lee@example.com", "1234-5678", "01012345678")) {
      assertFalse(raw.contains(plaintext), "the database file holds " + plaintext);
    }
  }
}
