package io.colseal.benchmarks.hibernate;

import java.util.List;
import org.hibernate.SessionFactory;

/** The query every select variant runs: 100 consecutive rows by id, every attribute read. */
final class Selects {
  static final int ROWS = 100;

  private Selects() {}

  static int select(SessionFactory sf, Class<? extends Person> type, long from) {
    return sf.fromSession(s -> {
      List<? extends Person> rows = s.createSelectionQuery(
              "from " + type.getSimpleName() + " p where p.id between :a and :b", type)
          .setParameter("a", from)
          .setParameter("b", from + ROWS - 1)
          .getResultList();
      if (rows.size() != ROWS) {
        throw new IllegalStateException(type.getSimpleName() + ": " + rows.size() + " rows from " + from);
      }
      int sum = 0;
      for (Person p : rows) {
        sum += p.touch();
      }
      return sum;
    });
  }
}
