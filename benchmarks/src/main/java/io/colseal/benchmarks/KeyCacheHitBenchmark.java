package io.colseal.benchmarks;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.internal.keyring.KeyRingOptions;
import io.colseal.internal.keyring.TableCounters;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.internal.keystore.JdbcSupport;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Looking up a cached data key, as every encryption and decryption does: the key ring's hot path
 * without any cryptography, from two threads at once. It measures the internal key ring directly
 * (built as {@code Colseal.start} builds it), since applications never see a key.
 *
 * <p>Run: {@code benchmarks/run.sh}, or {@code java -jar benchmarks/target/benchmarks.jar
 * KeyCacheHitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class KeyCacheHitBenchmark {
  private Colseal colseal;
  private KmsProvider kms;
  private DataKeys ring;
  private TableCounters customers;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("colseal-bench");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:keycache" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    kms = LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true);
    colseal = Colseal.start(ds, ColsealConfig.builder().kmsProvider(kms).build()); // migrates the key table
    ring = new DataKeys(new DataKeyTable(new JdbcSupport(ConnectionSource.of(ds), Clock.systemUTC()), null,
        Duration.ofDays(365), Duration.ofDays(1825)), kms,
        new KeyRingOptions(Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1), true, 1L << 30, 10_000,
            Duration.ofDays(365), false));
    ring.ensureActiveKeys(java.util.List.of("customers"));
    customers = ring.table("customers");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    ring.close();
    colseal.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public DataKey encryptionKey() {
    return ring.encryptionKey(customers);
  }

  @Benchmark
  public DataKey decryptionKey() {
    return ring.decryptionKey(customers, 1);
  }
}
