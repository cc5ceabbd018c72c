package io.colseal.benchmarks.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HarnessTablesTest {
  @Test
  void rowsOf_overAllTables_addsUpToRows() {
    for (int tables = 1; tables <= HarnessTables.MAX; tables++) {
      long sum = 0;
      for (int i = 0; i < tables; i++) {
        sum += HarnessTables.rowsOf(i, tables, 100_003);
      }
      assertEquals(100_003, sum, tables + " tables");
    }
  }

  @Test
  void rowsOf_matchesIndexOfForEveryRow() {
    int tables = 7;
    long[] counted = new long[tables];
    for (long id = 1; id <= 1_000; id++) {
      counted[HarnessTables.indexOf(id, tables)]++;
    }
    for (int i = 0; i < tables; i++) {
      assertEquals(HarnessTables.rowsOf(i, tables, 1_000), counted[i], "table " + i);
    }
  }

  @Test
  void envelopeLength_matchesTheSampleSchemaSizes() {
    // sample-app's schema: 50 chars -> 258, 20 -> 138, 14 -> 114, 5 -> 78.
    assertEquals(258, HarnessTables.envelopeLength(50));
    assertEquals(138, HarnessTables.envelopeLength(20));
    assertEquals(114, HarnessTables.envelopeLength(14));
    assertEquals(78, HarnessTables.envelopeLength(5));
  }
}
