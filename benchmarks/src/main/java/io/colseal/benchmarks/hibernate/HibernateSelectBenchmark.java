package io.colseal.benchmarks.hibernate;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows loaded per second through Hibernate on PostgreSQL, for the encrypted and the plain entity,
 * every sensitive attribute read: {@code select} queries 100 consecutive rows of 10,000 in one
 * session (decryption-heavy), {@code findById} loads one row by id per session (the usual OLTP
 * read, where the database round trip dominates).
 *
 * <p>Run: {@code benchmarks/run.sh}, or {@code java -jar benchmarks/target/benchmarks.jar
 * HibernateSelectBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HibernateSelectBenchmark {
  static final int ROWS = 100;
  static final int TABLE_ROWS = 10_000;

  @Param({"plain", "encrypted"})
  public String mode;

  private HibernateFixture fixture;
  private Class<? extends Person> type;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new HibernateFixture(50);
    type = mode.equals("encrypted") ? EncryptedPerson.class : PlainPerson.class;
    for (int chunk = 0; chunk < TABLE_ROWS / 1000; chunk++) {
      int base = chunk * 1000;
      fixture.sessionFactory.inTransaction(s -> {
        for (int i = 1; i <= 1000; i++) {
          Person p = mode.equals("encrypted") ? new EncryptedPerson() : new PlainPerson();
          Person.sample(p, base + i);
          s.persist(p);
        }
      });
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    fixture.close();
  }

  @Benchmark
  public int findById() {
    long id = ThreadLocalRandom.current().nextLong(TABLE_ROWS) + 1;
    return fixture.sessionFactory.fromSession(s -> s.find(type, id).touch());
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void select(Blackhole bh) {
    long from = ThreadLocalRandom.current().nextLong(TABLE_ROWS - ROWS) + 1;
    fixture.sessionFactory.inSession(s -> {
      List<? extends Person> rows = s.createSelectionQuery(
              "from " + type.getSimpleName() + " p where p.id between :a and :b", type)
          .setParameter("a", from)
          .setParameter("b", from + ROWS - 1)
          .getResultList();
      for (Person p : rows) {
        bh.consume(p.touch());
      }
    });
  }
}
