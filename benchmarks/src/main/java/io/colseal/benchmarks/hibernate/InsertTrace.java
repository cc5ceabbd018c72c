package io.colseal.benchmarks.hibernate;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Diagnostic for the batched-insert gap: inserts 100 rows per transaction through Hibernate (JDBC
 * batch 50, ordered inserts) for the plain and the encrypted entities and counts the PostgreSQL
 * protocol messages PgJDBC sends (its FINEST log: Parse, Bind, Execute, Sync, Describe), after
 * {@code warm} transactions so the driver's prepareThreshold has been passed. With {@code -v} it
 * prints the first transaction's messages.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.hibernate.InsertTrace [-v]}; with
 * {@code --loop N plain|colseal-text|colseal-binary} it only inserts N batched transactions, for a profiler.
 */
public final class InsertTrace {
  private InsertTrace() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--loop")) {
      // For a profiler (JFR): N transactions of 100 rows of one entity, batched, timed.
      int n = Integer.parseInt(args[1]);
      Supplier<Person> type = switch (args[2]) {
        case "plain" -> PlainPerson::new;
        case "colseal-text" -> EncryptedPerson::new;
        default -> BinaryPerson::new;
      };
      try (HibernateFixture f = new HibernateFixture(50, PlainPerson.class, EncryptedPerson.class, BinaryPerson.class)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          insert(f, type);
        }
        System.out.printf("%s: %d transactions, %.0f ns per row%n", args[2], n, (System.nanoTime() - t0) / (n * 100.0));
      }
      return;
    }
    boolean verbose = args.length > 0 && args[0].equals("-v");
    try (HibernateFixture f = new HibernateFixture(50, PlainPerson.class, EncryptedPerson.class, BinaryPerson.class)) {
      trace(f, "plain", PlainPerson::new, verbose);
      trace(f, "colseal-text", EncryptedPerson::new, verbose);
      trace(f, "colseal-binary", BinaryPerson::new, verbose);
    }
  }

  private static long nextId;

  static void trace(HibernateFixture f, String label, Supplier<Person> type, boolean verbose) {
    for (int t = 0; t < 10; t++) {
      insert(f, type);
    }
    Logger pg = Logger.getLogger("org.postgresql");
    Map<String, Integer> counts = new TreeMap<>();
    StringBuilder log = new StringBuilder();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        String m = r.getMessage();
        if (r.getParameters() != null) {
          m = java.text.MessageFormat.format(m, r.getParameters());
        }
        String trimmed = m.strip();
        if (trimmed.startsWith("FE=>")) {
          String kind = trimmed.substring(5).replaceAll("[(\\s].*", "");
          counts.merge(kind, 1, Integer::sum);
          if (verbose && log.length() < 20_000) {
            log.append(trimmed.length() > 400 ? trimmed.substring(0, 400) + "…" : trimmed).append('\n');
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    h.setLevel(Level.ALL);
    pg.addHandler(h);
    pg.setLevel(Level.ALL);
    try {
      insert(f, type);
    } finally {
      pg.removeHandler(h);
      pg.setLevel(Level.INFO);
    }
    System.out.println(label + ": one transaction of 100 rows sends " + counts);
    if (verbose) {
      System.out.println(log);
    }
  }

  private static void insert(HibernateFixture f, Supplier<Person> type) {
    long base = nextId;
    nextId += 100;
    f.sessionFactory.inTransaction(s -> {
      for (int i = 1; i <= 100; i++) {
        Person p = type.get();
        Person.sample(p, base + i);
        s.persist(p);
      }
    });
  }
}
