package io.colseal.operations.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetTest {
  @Test
  void after_singleColumn_isPlainComparison() {
    Keyset.Predicate p = Keyset.after(List.of("id"));
    assertEquals("(id > ?)", p.sql());
    assertEquals(List.of(0), p.bindOrder());
  }

  @Test
  void after_twoColumns_expandsRowValueComparison() {
    Keyset.Predicate p = Keyset.after(List.of("a", "b"));
    assertEquals("(a > ? OR (a = ? AND (b > ?)))", p.sql());
    assertEquals(List.of(0, 0, 1), p.bindOrder());
  }

  @Test
  void atMost_threeColumns_lastComparisonInclusive() {
    Keyset.Predicate p = Keyset.atMost(List.of("a", "b", "c"));
    assertEquals("(a < ? OR (a = ? AND (b < ? OR (b = ? AND (c <= ?)))))", p.sql());
    assertEquals(List.of(0, 0, 1, 1, 2), p.bindOrder());
  }

  @Test
  void equal_twoColumns_conjunction() {
    assertEquals("a = ? AND b = ?", Keyset.equal(List.of("a", "b")).sql());
  }

  @Test
  void boundaryPositions_tenRowsFourPartitions_everyThirdRow() {
    assertEquals(List.of(3L, 6L, 9L), PartitionPlanner.boundaryPositions(10, 4));
  }

  @Test
  void boundaryPositions_fewerRowsThanPartitions_onePerRow() {
    assertEquals(List.of(1L, 2L), PartitionPlanner.boundaryPositions(3, 8));
  }

  @Test
  void boundaryPositions_onePartition_none() {
    assertEquals(List.of(), PartitionPlanner.boundaryPositions(1_000_000, 1));
  }

  @Test
  void partitionCount_automatic_rowsPer50000Between1And64() {
    assertEquals(1, PartitionPlanner.partitionCount(10, 0));
    assertEquals(20, PartitionPlanner.partitionCount(1_000_000, 0));
    assertEquals(64, PartitionPlanner.partitionCount(100_000_000, 0));
    assertEquals(4, PartitionPlanner.partitionCount(10, 4));
  }

  @Test
  void keyTuple_roundTrip_numbersAndEscapedStrings() {
    List<Object> key = List.of("a\"b\\c\u00e9\n", 42L, new BigDecimal("1.50"));
    String json = KeyTuple.encode(key);
    assertEquals("[\"a\\\"b\\\\c\u00e9\\n\",42,1.50]", json);
    assertEquals(key, KeyTuple.decode(json));
  }

  @Test
  void keyTuple_integerValues_decodeAsLong() {
    assertEquals(List.of(7L), KeyTuple.decode(KeyTuple.encode(List.of(7))));
  }

  @Test
  void keyTuple_malformed_throws() {
    assertThrows(IllegalArgumentException.class, () -> KeyTuple.decode("[1,"));
    assertThrows(IllegalArgumentException.class, () -> KeyTuple.decode("[1] x"));
  }
}
