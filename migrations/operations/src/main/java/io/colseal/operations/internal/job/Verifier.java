package io.colseal.operations.internal.job;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.operations.internal.job.PageReader.Row;
import io.colseal.operations.report.ReencryptionEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code --verify}: decrypts every value of every row (keyset pagination, one reader, no job
 * tables) and reports each value that fails. Writes nothing.
 */
final class Verifier {
  private final Dialect dialect;
  private final Consumer<ReencryptionEvent> events;
  private final JobCounters counters;

  Verifier(Dialect dialect, Consumer<ReencryptionEvent> events, JobCounters counters) {
    this.dialect = dialect;
    this.events = events;
    this.counters = counters;
  }

  void verify(ConnectionSource connections, Collection<TableLayout> tables, Function<TableLayout, Candidates> candidates,
      Function<TableLayout, RowRewriter> rewriters, int batchSize, long batchBytes) throws SQLException {
    try (Connection c = connections.open()) {
      c.setReadOnly(dialect.vendor() != DatabaseVendor.MYSQL);
      for (TableLayout t : tables) {
        PageReader reader = new PageReader(dialect, t, candidates.apply(t), batchBytes);
        RowRewriter rewriter = rewriters.apply(t);
        List<Object> after = null;
        while (true) {
          PageReader.Page read = reader.page(c, after, null, batchSize);
          List<Row> page = read.rows();
          for (Row row : page) {
            RowRewriter.Change change = rewriter.rewrite(row.key(), row.stored(), row.plain());
            counters.skipped.add(change.skipped());
            for (RowRewriter.FailedValue f : change.failures()) {
              counters.failures.increment();
              events.accept(new ReencryptionEvent.Failure(t.table(), f.column(), primaryKey(t, row.key()),
                  f.keyVersion(), f.code()));
            }
          }
          counters.rowsExamined.add(page.size());
          if (read.last()) {
            break;
          }
          after = page.get(page.size() - 1).key();
        }
      }
    }
  }

  private static Map<String, Object> primaryKey(TableLayout t, List<Object> key) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < key.size(); i++) {
      out.put(t.key().get(i).display(), key.get(i));
    }
    return out;
  }
}
