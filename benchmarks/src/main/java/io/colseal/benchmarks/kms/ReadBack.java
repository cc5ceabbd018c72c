package io.colseal.benchmarks.kms;

import io.colseal.benchmarks.kms.HarnessTables.HarnessTable;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Reads every row of every harness table through Hibernate, page by page, and checks each value. */
final class ReadBack {
  /**
   * @param rowsRead rows read, of all processes
   * @param rowsMismatched rows with a wrong value or in the wrong table, plus rows missing
   */
  record Result(long rowsRead, long rowsMismatched) {}

  private ReadBack() {}

  /** Reads rows {@code 1..rows} of {@code tables}, {@code pageRows} at a time, in one read-only session. */
  static Result readAll(SessionFactory sf, List<HarnessTable> tables, long rows, int pageRows) {
    return sf.fromSession(session -> {
      session.setDefaultReadOnly(true);
      long read = 0;
      long mismatched = 0;
      for (int index = 0; index < tables.size(); index++) {
        Result table = readTable(session, tables, index, rows, pageRows);
        read += table.rowsRead();
        mismatched += table.rowsMismatched();
      }
      return new Result(read, mismatched);
    });
  }

  /** One table, keyset-paginated on the id so each page is an index range scan. */
  private static Result readTable(Session session, List<HarnessTable> tables, int index, long rows, int pageRows) {
    HarnessTable table = tables.get(index);
    String hql = "from " + table.entityName() + " r where r.id > :after order by r.id";
    long read = 0;
    long correct = 0;
    long after = 0;
    while (true) {
      List<? extends HarnessRow> page = session.createSelectionQuery(hql, table.type())
          .setParameter("after", after)
          .setMaxResults(pageRows)
          .getResultList();
      if (page.isEmpty()) {
        break;
      }
      for (HarnessRow row : page) {
        long id = row.id();
        if (id <= rows && HarnessTables.indexOf(id, tables.size()) == index && row.matches(table.number())) {
          correct++;
        }
        read++;
        after = id;
      }
      session.clear(); // keeps memory flat however many rows there are
    }
    // Correct rows have distinct ids of this table, so the expected count less them is what is missing.
    long missing = HarnessTables.rowsOf(index, tables.size(), rows) - correct;
    return new Result(read, (read - correct) + missing);
  }
}
