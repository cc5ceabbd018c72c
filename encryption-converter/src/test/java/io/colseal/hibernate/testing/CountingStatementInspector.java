package io.colseal.hibernate.testing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, by kind. */
public final class CountingStatementInspector implements StatementInspector {
  private static final long serialVersionUID = 1L;
  private final AtomicInteger updates = new AtomicInteger();
  private final AtomicInteger inserts = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();

  @Override
  public String inspect(String sql) {
    String s = sql.stripLeading().toLowerCase(Locale.ROOT);
    if (s.startsWith("update")) {
      updates.incrementAndGet();
    } else if (s.startsWith("insert")) {
      inserts.incrementAndGet();
    } else if (s.startsWith("delete")) {
      deletes.incrementAndGet();
    }
    return sql;
  }

  public int updates() {
    return updates.get();
  }

  public int inserts() {
    return inserts.get();
  }

  public int deletes() {
    return deletes.get();
  }

  public void reset() {
    updates.set(0);
    inserts.set(0);
    deletes.set(0);
  }
}
