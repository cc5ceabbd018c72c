package io.colseal.benchmarks.hibernate;

import io.colseal.internal.format.EnvelopeFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToIntFunction;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Paired select through Hibernate on PostgreSQL: each invocation picks one id range and runs the
 * same 100-row query ({@code from X p where p.id between :a and :b}, every attribute read) once
 * per variant, in an order rotating across invocations, timing each with {@link System#nanoTime}
 * into its own accumulator ({@link PairedTimer}); a load change hits every variant alike, so the
 * ratios are taken per iteration. Variants:
 *
 * <ul>
 *   <li>{@code plain}: {@link PlainPerson};
 *   <li>{@code plain-envelope-text}: {@link EnvelopePerson}, plain strings as long as colseal's text
 *       envelopes (copied from the encrypted table): the wire and driver cost of longer values;
 *   <li>{@code colseal-text}: {@link EncryptedPerson}, four {@code @Encrypted} attributes as text;
 *   <li>{@code colseal-binary}: {@link BinaryPerson}, the same in bytea columns;
 *   <li>{@code colseal-text-own-loader}: {@code colseal-text} with Hibernate and colseal loaded in a
 *       class loader of their own ({@link IsolatedColseal}), the baseline for the next one;
 *   <li>{@code no-cipher}: the same with AES-GCM replaced by a copy: everything but the cipher;
 *   <li>{@code colseal-text-column-keys}, {@code colseal-binary-column-keys}: {@link
 *       ColumnKeyPerson} and {@link ColumnKeyBinaryPerson}, the same rows written by a second
 *       SessionFactory with {@code colseal.crypto.column-keys} (envelope algorithm 04, issue 16,
 *       point 4), read by the same SessionFactory as {@code colseal-text} and {@code
 *       colseal-binary}: only the stored algorithm differs. (Reading each through a SessionFactory
 *       of its own was tried first: a second SessionFactory over the same code read the same
 *       algorithm-01 rows 2-14 % slower from run to run, which swamped the difference.)
 *   <li>{@code jdk-gcm-4}: no database: the JDK's AES-256-GCM decryption of the same rows' four
 *       values (same plaintext sizes, colseal's associated data length), one reused {@link Cipher}.
 *       The ceiling is {@code plain-envelope-text + jdk-gcm-4}.
 * </ul>
 *
 * <p>The JMH score (time per invocation, all variants together) is not the result: the per-variant
 * numbers are, printed per iteration and written to the file named by {@code -Dbench.paired.out}
 * (see {@link PairedResults}).
 *
 * <p>Run: {@code java -Dbench.paired.out=/tmp/paired.tsv -jar benchmarks/target/benchmarks.jar
 * HibernatePairedSelectBenchmark -jvmArgsAppend -Dbench.paired.out=/tmp/paired.tsv}, then {@code
 * java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.hibernate.PairedResults
 * /tmp/paired.tsv}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class HibernatePairedSelectBenchmark {
  static final String NAME = "select";
  static final List<String> VARIANTS = List.of("plain", "plain-envelope-text", "colseal-text", "colseal-binary",
      "colseal-text-own-loader", "no-cipher", "jdk-gcm-4", "colseal-text-column-keys", "colseal-binary-column-keys");
  private static final List<Class<? extends Person>> MAPPED = List.of(PlainPerson.class, EnvelopePerson.class,
      EncryptedPerson.class, BinaryPerson.class, ColumnKeyPerson.class, ColumnKeyBinaryPerson.class);

  /** Rows per table; the suite's smoke run uses fewer. */
  @Param("10000")
  public int tableRows;

  private HibernateFixture fixture;
  private IsolatedColseal ownLoader;
  private IsolatedColseal noCipher;
  private final PairedTimer timer = new PairedTimer(NAME, VARIANTS);
  private Gcm gcm;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = new HibernateFixture(50, MAPPED.toArray(Class<?>[]::new));
    fixture.populate(PlainPerson::new, tableRows);
    fixture.populate(EncryptedPerson::new, tableRows);
    fixture.populate(BinaryPerson::new, tableRows);
    fixture.execInSchema("INSERT INTO bench_envelope_person (id, name, email, phone, rrn, birthDate)"
        + " SELECT id, name, email, phone, rrn, birthDate FROM bench_encrypted_person");
    fixture.execInSchema("ANALYZE");
    fixture.populateWith(java.util.Map.of("colseal.crypto.column-keys", "true"), tableRows, ColumnKeyPerson::new,
        ColumnKeyBinaryPerson::new);
    fixture.execInSchema("ANALYZE");
    fixture.requireAlgorithm04("bench_column_key_person", "bench_column_key_binary_person");
    ownLoader = new IsolatedColseal(false, tableRows);
    noCipher = new IsolatedColseal(true, tableRows);
    gcm = new Gcm(tableRows);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      noCipher.close();
      ownLoader.close();
    } finally {
      fixture.close();
    }
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams params) {
    timer.startIteration(params);
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    timer.endIteration();
  }

  @Benchmark
  public void select(Blackhole bh) {
    long from = ThreadLocalRandom.current().nextLong(tableRows - Selects.ROWS) + 1;
    for (int k = 0; k < timer.size(); k++) {
      int v = timer.at(k);
      long t0 = System.nanoTime();
      bh.consume(run(v, from));
      timer.add(v, System.nanoTime() - t0, Selects.ROWS);
    }
    timer.next();
  }

  private int run(int variant, long from) {
    return switch (variant) {
      case 0, 1, 2, 3 -> Selects.select(fixture.sessionFactory, MAPPED.get(variant), from);
      case 4 -> ownLoader.applyAsInt(from);
      case 5 -> noCipher.applyAsInt(from);
      case 6 -> gcm.decryptRows(from);
      case 7 -> Selects.select(fixture.sessionFactory, ColumnKeyPerson.class, from);
      case 8 -> Selects.select(fixture.sessionFactory, ColumnKeyBinaryPerson.class, from);
      default -> throw new IllegalArgumentException("variant " + variant);
    };
  }

  /** The JDK's AES-256-GCM over the four values of every row, sealed once at setup. */
  static final class Gcm {
    private static final String[] COLUMNS = {"email", "phone", "rrn", "birthdate"};
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[][] aad = new byte[COLUMNS.length][];
    /** [row id][column] = nonce || ciphertext || tag. */
    private final byte[][][] sealed;

    Gcm(int rows) throws GeneralSecurityException {
      sealed = new byte[rows + 1][COLUMNS.length][];
      SecureRandom random = new SecureRandom();
      byte[] k = new byte[32];
      random.nextBytes(k);
      key = new SecretKeySpec(k, "AES");
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      for (int c = 0; c < COLUMNS.length; c++) {
        byte[] binding = EnvelopeFormat.columnBinding("bench_encrypted_person", COLUMNS[c]);
        aad[c] = new byte[EnvelopeFormat.HEADER_LENGTH + binding.length];
        System.arraycopy(binding, 0, aad[c], EnvelopeFormat.HEADER_LENGTH, binding.length);
      }
      for (int id = 1; id <= rows; id++) {
        List<byte[]> values = plaintexts(id);
        for (int c = 0; c < COLUMNS.length; c++) {
          byte[] nonce = new byte[12];
          random.nextBytes(nonce);
          cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
          cipher.updateAAD(aad[c]);
          byte[] ct = cipher.doFinal(values.get(c));
          byte[] out = new byte[12 + ct.length];
          System.arraycopy(nonce, 0, out, 0, 12);
          System.arraycopy(ct, 0, out, 12, ct.length);
          sealed[id][c] = out;
        }
      }
    }

    /** What colseal encrypts for the sample row {@code id}: UTF-8 strings, the date as 8 bytes. */
    private static List<byte[]> plaintexts(long id) {
      Capture p = new Capture();
      Person.sample(p, id);
      List<byte[]> out = new ArrayList<>();
      out.add(p.email.getBytes(StandardCharsets.UTF_8));
      out.add(p.phone.getBytes(StandardCharsets.UTF_8));
      out.add(p.rrn.getBytes(StandardCharsets.UTF_8));
      out.add(ByteBuffer.allocate(8).putLong(p.birthDate.toEpochDay()).array());
      return out;
    }

    int decryptRows(long from) {
      int sum = 0;
      try {
        for (long id = from; id < from + Selects.ROWS; id++) {
          for (int c = 0; c < COLUMNS.length; c++) {
            byte[] body = sealed[(int) id][c];
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, body, 0, 12));
            cipher.updateAAD(aad[c]);
            sum += cipher.doFinal(body, 12, body.length - 12).length;
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      return sum;
    }

    private static final class Capture implements Person {
      String email;
      String phone;
      String rrn;
      LocalDate birthDate;

      @Override
      public void fill(long id, String name, String email, String phone, String rrn, LocalDate birthDate) {
        this.email = email;
        this.phone = phone;
        this.rrn = rrn;
        this.birthDate = birthDate;
      }

      @Override
      public int touch() {
        return 0;
      }
    }
  }
}
