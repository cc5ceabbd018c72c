package io.colseal.benchmarks.hibernate;

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

/**
 * Rows inserted per second through Hibernate on PostgreSQL, 100 rows per transaction, for an entity
 * with four {@code @Encrypted} attributes against the same entity without encryption, with JDBC
 * batching (50) and without.
 *
 * <p>Run: {@code benchmarks/run.sh}, or {@code java -jar benchmarks/target/benchmarks.jar
 * HibernateInsertBenchmark} with PostgreSQL at {@code COLSEAL_BENCH_POSTGRES_URL}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HibernateInsertBenchmark {
  static final int ROWS = 100;

  @Param({"plain", "encrypted"})
  public String mode;

  @Param({"true", "false"})
  public boolean batched;

  private HibernateFixture fixture;
  private long nextId;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new HibernateFixture(batched ? 50 : 0);
  }

  @Setup(Level.Iteration)
  public void emptyTables() throws Exception {
    fixture.truncate();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    fixture.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void insert() {
    boolean encrypted = mode.equals("encrypted");
    fixture.sessionFactory.inTransaction(s -> {
      for (int i = 0; i < ROWS; i++) {
        Person p = encrypted ? new EncryptedPerson() : new PlainPerson();
        Person.sample(p, ++nextId);
        s.persist(p);
      }
    });
  }
}
