package io.colseal.benchmarks.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.benchmarks.kms.HarnessOptions.Scenario;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {
  @Test
  void parse_noArguments_givesTheFullRun() {
    HarnessOptions o = HarnessOptions.parse(new String[0], Map.of());
    assertEquals(10, o.tables());
    assertEquals(100_000, o.rows());
    assertEquals(2, o.processes());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/test", o.jdbcUrl());
    assertEquals("postgres", o.user());
    assertEquals(List.of(Scenario.STAGGERED, Scenario.COLD, Scenario.COLD_FIRST), o.scenarios());
    assertNull(o.kmsEndpoint());
    assertNull(o.keyCacheTtl());
    assertFalse(o.json());
  }

  @Test
  void parse_endpointInEnvironment_isUsed() {
    HarnessOptions o = HarnessOptions.parse(new String[0], Map.of("COLSEAL_TEST_KMS_ENDPOINT", "http://127.0.0.1:5000"));
    assertEquals(URI.create("http://127.0.0.1:5000"), o.kmsEndpoint());
  }

  @Test
  void parse_endpointOption_winsOverEnvironment() {
    HarnessOptions o = HarnessOptions.parse(new String[] {"--kms-endpoint", "http://127.0.0.1:6000"},
        Map.of("COLSEAL_TEST_KMS_ENDPOINT", "http://127.0.0.1:5000"));
    assertEquals(URI.create("http://127.0.0.1:6000"), o.kmsEndpoint());
  }

  @Test
  void parse_passwordComesOnlyFromEnvironment() {
    HarnessOptions o = HarnessOptions.parse(new String[0], Map.of("COLSEAL_HARNESS_JDBC_PASSWORD", "s3cret"));
    assertEquals("s3cret", o.password());
    assertFalse(o.toString().contains("s3cret"));
  }

  @Test
  void parse_moreTablesThanEntities_failsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HarnessOptions.parse(new String[] {"--tables", "11"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--tables must be 1..10"), e.getMessage());
  }

  @Test
  void parse_fewerRowsThanTablesTimesProcesses_fails() {
    assertThrows(IllegalArgumentException.class,
        () -> HarnessOptions.parse(new String[] {"--tables", "10", "--processes", "2", "--rows", "19"}, Map.of()));
  }

  @Test
  void parse_notPostgresql_fails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HarnessOptions.parse(new String[] {"--jdbc-url", "jdbc:mariadb://127.0.0.1/test"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--jdbc-url"), e.getMessage());
  }

  @Test
  void parse_badDuration_failsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HarnessOptions.parse(new String[] {"--key-cache-ttl", "5m"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--key-cache-ttl"), e.getMessage());
  }

  @Test
  void parse_optionWithoutValue_fails() {
    assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(new String[] {"--rows"}, Map.of()));
  }

  @Test
  void parse_scenarioList_keepsTheGivenOrderOnce() {
    HarnessOptions o = HarnessOptions.parse(new String[] {"--scenario", "cold-first,staggered,cold-first"}, Map.of());
    assertEquals(List.of(Scenario.COLD_FIRST, Scenario.STAGGERED), o.scenarios());
  }

  @Test
  void parse_unknownScenario_failsNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HarnessOptions.parse(new String[] {"--scenario", "both"}, Map.of()));
    assertTrue(e.getMessage().startsWith("--scenario"), e.getMessage());
  }

  @Test
  void parse_unknownOption_fails() {
    assertThrows(IllegalArgumentException.class, () -> HarnessOptions.parse(new String[] {"--rwos", "5"}, Map.of()));
  }
}
