package io.colseal.benchmarks;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.Normalizer;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The blind index of a 64-byte value (HMAC-SHA-256 with the key from the key ring, truncation and
 * text encoding included, as {@code @BlindIndex} computes it on every write and lookup) next to a
 * randomized AES-256-GCM encryption of the same value, in the same run, so their ratio is
 * comparable across machines. {@code blindIndexLowerTrim} adds the {@code LOWER_TRIM} normaliser.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BlindIndexBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BlindIndexBenchmark {
  /** 64 ASCII characters: 64 bytes of UTF-8. */
  static final String VALUE = "customer.0001234567@example.com/KR-seoul-gangnam-1234-5678-00000";

  private Colseal colseal;
  private ColumnCipher<String, String> gcm;
  private BlindIndexer full;
  private BlindIndexer truncated;
  private BlindIndexer lowerTrim;
  private Path dir;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (VALUE.length() != 64) {
      throw new IllegalStateException("value must be 64 bytes");
    }
    dir = Files.createTempDirectory("colseal-bench");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:blindindex" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    colseal = Colseal.start(ds, ColsealConfig.builder()
        .kmsProvider(LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true))
        .build());
    gcm = colseal.textColumn("customers", "email", String.class);
    full = colseal.blindIndexer("customers", "email_bidx", Normalizer.AS_IS, 0);
    truncated = colseal.blindIndexer("customers", "email_bidx16", Normalizer.AS_IS, 16);
    lowerTrim = colseal.blindIndexer("customers", "email_bidx_lt", Normalizer.LOWER_TRIM, 0);
    gcm.encrypt(VALUE);
    full.compute(VALUE);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    colseal.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public String randomizedAesGcmEncrypt() {
    return gcm.encrypt(VALUE);
  }

  @Benchmark
  public String blindIndex() {
    return full.compute(VALUE);
  }

  @Benchmark
  public String blindIndexTruncated16() {
    return truncated.compute(VALUE);
  }

  @Benchmark
  public String blindIndexLowerTrim() {
    return lowerTrim.compute(VALUE);
  }
}
