package io.colseal.benchmarks;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Searchable encryption per 64-byte value, in one run so the ratios compare like with like:
 * randomized AES-256-GCM (the default {@code @Encrypted}) and deterministic AES-256-GCM-SIV
 * ({@code @Encrypted(deterministic = true)}), both through {@link ColumnCipher#encrypt} with binary
 * storage and a cached key. The ratios in {@code docs/performance.md} ("Searchable encryption") are
 * each benchmark's time divided by {@code randomizedGcm}'s.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SearchableEncryptBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SearchableEncryptBenchmark {
  static final int SIZE = 64;

  private Path dir;
  private Colseal colseal;
  private ColumnCipher<byte[], byte[]> randomized;
  private ColumnCipher<byte[], byte[]> deterministic;
  private byte[] value;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    value = new byte[SIZE];
    new Random(64).nextBytes(value);
    dir = Files.createTempDirectory("colseal-bench");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:searchable" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    LocalKeystoreKms kms = LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true);
    colseal = Colseal.start(ds, ColsealConfig.builder().kmsProvider(kms).keyCacheTtl(Duration.ofHours(1)).build());
    randomized = colseal.binaryColumn("customers", "email", byte[].class, EncryptionMode.RANDOMIZED);
    deterministic = colseal.binaryColumn("customers", "email", byte[].class, EncryptionMode.DETERMINISTIC);
    randomized.decrypt(randomized.encrypt(value)); // creates and caches the table key
    deterministic.decrypt(deterministic.encrypt(value));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    colseal.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The reference: the default randomized AES-256-GCM envelope. */
  @Benchmark
  public byte[] randomizedGcm() {
    return randomized.encrypt(value);
  }

  /** Deterministic AES-256-GCM-SIV envelope, fixed nonce. */
  @Benchmark
  public byte[] deterministicGcmSiv() {
    return deterministic.encrypt(value);
  }

  // Blind index (HMAC-SHA-256 of the normalised value, @BlindIndex): its benchmark method goes here,
  // in this class, so that its ratio to randomizedGcm comes from the same run.
}
