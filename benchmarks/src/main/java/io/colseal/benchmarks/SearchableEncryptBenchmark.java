package io.colseal.benchmarks;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import io.colseal.Normalizer;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Searchable encryption per 64-byte value, all in one run so that each ratio to randomized
 * AES-256-GCM compares like with like: the default {@code @Encrypted} (randomized AES-256-GCM),
 * {@code @Encrypted(deterministic = true)} (AES-256-GCM-SIV, fixed nonce) and the {@code
 * @BlindIndex} of the same value (HMAC-SHA-256, full length, truncated to 16 bits, and with the
 * {@code LOWER_TRIM} normaliser). Every method produces what is stored in a text column: the
 * envelope or the index token, with its header and Base64 encoding, from a cached key.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SearchableEncryptBenchmark}; the ratios
 * in {@code docs/performance.md} ("Searchable encryption") are each method's time divided by
 * {@code randomizedGcm}'s from the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SearchableEncryptBenchmark {
  /** 64 ASCII characters: 64 bytes of UTF-8. */
  static final String VALUE = "customer.0001234567@example.com/KR-seoul-gangnam-1234-5678-00000";

  private Path dir;
  private Colseal colseal;
  private ColumnCipher<String, String> randomized;
  private ColumnCipher<String, String> deterministic;
  private BlindIndexer blindIndex;
  private BlindIndexer truncated;
  private BlindIndexer lowerTrim;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    if (VALUE.length() != 64) {
      throw new IllegalStateException("the value must be 64 bytes");
    }
    dir = Files.createTempDirectory("colseal-bench");
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:searchable" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    LocalKeystoreKms kms = LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true);
    colseal = Colseal.start(ds, ColsealConfig.builder().kmsProvider(kms).keyCacheTtl(Duration.ofHours(1)).build());
    randomized = colseal.textColumn("customers", "email", String.class, EncryptionMode.RANDOMIZED);
    deterministic = colseal.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC);
    blindIndex = colseal.blindIndexer("customers", "email_bidx", Normalizer.AS_IS, 0);
    truncated = colseal.blindIndexer("customers", "email_bidx16", Normalizer.AS_IS, 16);
    lowerTrim = colseal.blindIndexer("customers", "email_bidx_lt", Normalizer.LOWER_TRIM, 0);
    // Creates and caches the keys, and checks that each method does what it claims.
    if (!VALUE.equals(randomized.decrypt(randomized.encrypt(VALUE)))
        || !deterministic.encrypt(VALUE).equals(deterministic.encrypt(VALUE))
        || !blindIndex.compute(VALUE).equals(blindIndex.compute(VALUE))
        || !lowerTrim.compute(VALUE).equals(lowerTrim.compute(" " + VALUE.toUpperCase(java.util.Locale.ROOT)))) {
      throw new IllegalStateException("benchmark set-up does not behave as documented");
    }
    truncated.compute(VALUE);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    colseal.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The reference: the default randomized AES-256-GCM envelope (JCE, random nonce). */
  @Benchmark
  public String randomizedGcm() {
    return randomized.encrypt(VALUE);
  }

  /** Deterministic AES-256-GCM-SIV envelope, fixed nonce (BouncyCastle). */
  @Benchmark
  public String deterministicGcmSiv() {
    return deterministic.encrypt(VALUE);
  }

  /** The blind index token: HMAC-SHA-256 over the domain-separated value, full 256 bits. */
  @Benchmark
  public String blindIndex() {
    return blindIndex.compute(VALUE);
  }

  /** The blind index truncated to 16 bits. */
  @Benchmark
  public String blindIndexTruncated16() {
    return truncated.compute(VALUE);
  }

  /** The blind index with the LOWER_TRIM normaliser (strip, lower-case, NFC) first. */
  @Benchmark
  public String blindIndexLowerTrim() {
    return lowerTrim.compute(VALUE);
  }
}
