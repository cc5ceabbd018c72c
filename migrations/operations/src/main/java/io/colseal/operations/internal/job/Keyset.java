package io.colseal.operations.internal.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Row-value comparisons on a primary-key tuple, written out for portability: {@code (a, b) > (?, ?)}
 * becomes {@code a > ? OR (a = ? AND b > ?)}. Each predicate comes with the order in which the
 * tuple's values are bound.
 */
public final class Keyset {
  private Keyset() {}

  /** SQL with {@code ?} placeholders, and for each placeholder the index of the tuple value it takes. */
  public record Predicate(String sql, List<Integer> bindOrder) {
    public Predicate {
      bindOrder = List.copyOf(bindOrder);
    }
  }

  /** {@code key > tuple}. */
  public static Predicate after(List<String> columns) {
    return compare(columns, ">", ">");
  }

  /** {@code key <= tuple}. */
  public static Predicate atMost(List<String> columns) {
    return compare(columns, "<", "<=");
  }

  /** {@code key = tuple}. */
  public static Predicate equal(List<String> columns) {
    List<String> parts = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      parts.add(columns.get(i) + " = ?");
      order.add(i);
    }
    return new Predicate(String.join(" AND ", parts), order);
  }

  private static Predicate compare(List<String> columns, String strict, String last) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no key columns");
    }
    List<Integer> order = new ArrayList<>();
    String sql = level(columns, 0, strict, last, order);
    return new Predicate("(" + sql + ")", order);
  }

  private static String level(List<String> columns, int i, String strict, String last, List<Integer> order) {
    String c = columns.get(i);
    if (i == columns.size() - 1) {
      order.add(i);
      return c + " " + last + " ?";
    }
    order.add(i);
    order.add(i);
    return c + " " + strict + " ? OR (" + c + " = ? AND (" + level(columns, i + 1, strict, last, order) + "))";
  }
}
