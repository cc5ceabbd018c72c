package io.colseal.benchmarks.reencrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReencryptOptionsTest {
  @Test
  void parse_noArguments_makesTheFullRun() {
    ReencryptOptions o = ReencryptOptions.parse(new String[0], Map.of());
    assertEquals(1_000_000, o.rows());
    assertEquals(500, o.batchSize());
    assertEquals("256m", o.childHeap());
    assertEquals(ReencryptOptions.DEFAULT_JDBC_URL, o.jdbcUrl());
    assertEquals("postgres", o.user());
    assertFalse(o.json());
  }

  @Test
  void parse_benchUrlInEnvironment_usesIt() {
    ReencryptOptions o = ReencryptOptions.parse(new String[0],
        Map.of(ReencryptOptions.URL_VARIABLE, "jdbc:postgresql://db:5433/bench"));
    assertEquals("jdbc:postgresql://db:5433/bench", o.jdbcUrl());
  }

  @Test
  void parse_badRows_failsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReencryptOptions.parse(new String[] {"--rows", "0"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--rows"), e.getMessage());
  }

  @Test
  void parse_notPostgresql_fails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReencryptOptions.parse(new String[] {"--jdbc-url", "jdbc:h2:mem:x"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--jdbc-url"), e.getMessage());
  }

  @Test
  void parse_badChildHeap_failsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReencryptOptions.parse(new String[] {"--child-heap", "lots"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--child-heap"), e.getMessage());
  }

  @Test
  void toString_neverContainsThePassword() {
    ReencryptOptions o = ReencryptOptions.parse(new String[0],
        Map.of(ReencryptOptions.PASSWORD_VARIABLE, "s3cret-pw"));
    assertFalse(o.toString().contains("s3cret-pw"));
  }

  @Test
  void command_runsTheJobWithTheFixedHeapAndTheIssuesFlags() {
    JobRun.Setup s = new JobRun.Setup("jdbc:postgresql://h/db?currentSchema=x", "postgres", "", Path.of("k.p12"), "pw",
        "bench-kek", "256m", Path.of("logs"), java.time.Duration.ofMinutes(1));
    List<String> c = JobRun.command(s, 2, 500, Path.of("heap.json"));
    assertTrue(c.contains("-Xmx256m"), c.toString());
    String line = String.join(" ", c);
    assertTrue(line.contains(ReencryptProcess.class.getName()
        + " reencrypt --table bench_accounts --workers 2 --batch-size 500 --json"), line);
    assertFalse(line.contains("pw "), "the keystore password goes through the environment: " + line);
  }

  @Test
  void writeInto_replacesOnlyWhatIsBetweenTheMarkers(@TempDir Path dir) throws Exception {
    Path docs = dir.resolve("performance.md");
    Files.writeString(docs, "before\n" + ReencryptHarness.BEGIN + "\nold\n" + ReencryptHarness.END + "\nafter\n");
    ReencryptHarness.writeInto(docs, "new table\n");
    assertEquals("before\n" + ReencryptHarness.BEGIN + "\n\nnew table\n\n" + ReencryptHarness.END + "\nafter\n",
        Files.readString(docs));
  }
}
