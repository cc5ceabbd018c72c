package io.colseal.benchmarks.hibernate;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Paired insert through Hibernate on PostgreSQL: each invocation inserts 100 rows in one
 * transaction per variant (the same ids and values in each variant's table), in an order rotating
 * across invocations, each timed into its own accumulator ({@link PairedTimer}). Variants: {@code
 * plain} ({@link PlainPerson}), {@code colseal-text} ({@link EncryptedPerson}), {@code
 * colseal-binary} ({@link BinaryPerson}), {@code colseal-text-own-loader} and {@code no-cipher} (colseal-text in a
 * class loader of its own, with the real AES-GCM and with a copy instead: see {@link
 * IsolatedColseal}) and {@code colseal-text-block-1M} (colseal-text reserving its usage budget a million
 * encryptions at a time instead of 10,000) and {@code plain-envelope-text} ({@link EnvelopePerson}: plain strings as long
 * as the text envelopes), each with JDBC batching (50, ordered inserts: the
 * SessionFactory's setting) and without (the session's batch size set to 1). Tables are emptied
 * before each iteration.
 *
 * <p>Run as {@link HibernatePairedSelectBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class HibernatePairedInsertBenchmark {
  static final String NAME = "insert";
  static final int ROWS = 100;
  static final List<String> VARIANTS = List.of("plain/batch-50", "colseal-text/batch-50", "colseal-binary/batch-50",
      "colseal-text-own-loader/batch-50", "no-cipher/batch-50", "colseal-text-block-1M/batch-50",
      "plain-envelope-text/batch-50", "plain/unbatched", "colseal-text/unbatched", "colseal-binary/unbatched",
      "colseal-text-own-loader/unbatched", "no-cipher/unbatched", "colseal-text-block-1M/unbatched",
      "plain-envelope-text/unbatched");
  private static final int KINDS = 7;
  private static final List<Supplier<Person>> TYPES = List.of(PlainPerson::new, EncryptedPerson::new, BinaryPerson::new);

  private HibernateFixture fixture;
  private HibernateFixture bigBlock;
  private IsolatedColseal ownLoader;
  private IsolatedColseal noCipher;
  private final PairedTimer timer = new PairedTimer(NAME, VARIANTS);
  private long nextId;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new HibernateFixture(50, PlainPerson.class, EncryptedPerson.class, BinaryPerson.class,
        EnvelopePerson.class);
    // colseal reserves encryptions in the key table in blocks (colseal.keys.usage-block, 10,000 by default):
    // one key-table update every 2,500 rows of four encrypted values. This one reserves a million at a time.
    bigBlock = new HibernateFixture(50, java.util.Map.of("colseal.keys.usage-block", "1000000"), EncryptedPerson.class);
    ownLoader = new IsolatedColseal(false, 0);
    noCipher = new IsolatedColseal(true, 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      noCipher.close();
      ownLoader.close();
    } finally {
      bigBlock.close();
      fixture.close();
    }
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams params) throws Exception {
    fixture.truncate("bench_plain_person", "bench_encrypted_person", "bench_binary_person", "bench_envelope_person");
    bigBlock.truncate("bench_encrypted_person");
    ownLoader.truncate();
    noCipher.truncate();
    timer.startIteration(params);
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    timer.endIteration();
  }

  @Benchmark
  public void insert() {
    long base = nextId;
    nextId += 2 * ROWS;
    for (int k = 0; k < timer.size(); k++) {
      int v = timer.at(k);
      int kind = v % KINDS;
      boolean batched = v < KINDS;
      // Batched and unbatched share a table: the unbatched variants take the next 100 ids.
      long first = base + (batched ? 0 : ROWS);
      long t0 = System.nanoTime();
      switch (kind) {
        case 0, 1, 2 -> insert(fixture.sessionFactory, TYPES.get(kind), batched, first);
        case 3 -> ownLoader.insert(batched, first);
        case 4 -> noCipher.insert(batched, first);
        case 5 -> insert(bigBlock.sessionFactory, EncryptedPerson::new, batched, first);
        default -> insert(fixture.sessionFactory, EnvelopePerson::new, batched, first);
      }
      timer.add(v, System.nanoTime() - t0, ROWS);
    }
    timer.next();
  }

  /** 100 rows from {@code first} in one transaction; unbatched sets the session's JDBC batch size to 1. */
  static void insert(SessionFactory sf, Supplier<? extends Person> type, boolean batched, long first) {
    sf.inTransaction(s -> {
      if (!batched) {
        s.setJdbcBatchSize(1);
      }
      for (int i = 1; i <= ROWS; i++) {
        Person p = type.get();
        Person.sample(p, first + i);
        s.persist(p);
      }
    });
  }
}
