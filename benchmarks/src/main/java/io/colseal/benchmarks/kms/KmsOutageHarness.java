package io.colseal.benchmarks.kms;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ColsealException;
import io.colseal.keys.KeyRingStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What a KMS outage does to an application's encryptions and decryptions: {@code --threads}
 * threads encrypt and decrypt values of one table with the {@code aws-kms} provider on a {@code
 * moto_server} the harness starts, and the harness freezes moto ({@code kill -STOP}) for {@code
 * --outage} seconds between a {@code --before} and an {@code --after} phase. The cache TTL ({@code
 * --cache-ttl}, default PT10S) is short, so keys expire, and must be refreshed, during the outage.
 * Reports per phase the operations, their p50/p99/max latency and the failed ones. The target:
 * during the outage, p99 under 5 ms, no failed operation, and no operation held up as long as a
 * KMS call timeout (what a thread waiting for the frozen KMS would be). The key table is an embedded H2
 * database, so the figures are about the KMS, not a database.
 *
 * <p>Each thread does an encryption then a decryption of what it encrypted (two operations) every
 * {@code --pause-micros} (default 1000), as application threads serving requests do. Latency is
 * each operation's own time; "from due" counts an encryption from when it was due on that
 * schedule, so a thread that waits for the KMS counts every operation it could not start meanwhile
 * (no coordinated omission), which on a busy machine also counts every scheduling pause.
 *
 * <p>Run it: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar io.colseal.benchmarks.kms.KmsOutageHarness} (about 95 s);
 * {@code --before 15 --outage 60 --after 15 --threads 4 --cache-ttl PT10S} are the defaults. Exits
 * 0 if the target was met, 1 if not, 2 if it could not run.
 */
public final class KmsOutageHarness {
  /** Latency below this is recorded to the microsecond, above it to the millisecond. */
  private static final int FINE_MICROS = 10_000;
  private static final int BUCKETS = FINE_MICROS + 120_000;
  private static final double TARGET_P99_MILLIS = 5.0;

  /** The phases, in order. */
  public enum Phase { BEFORE, OUTAGE, AFTER }

  /** What the harness runs. */
  public record Options(Duration before, Duration outage, Duration after, int threads, Duration cacheTtl,
      Duration callTimeout, long pauseMicros) {
    static Options parse(String[] args) {
      Map<String, String> given = new TreeMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
        }
        given.put(args[i].substring(2), args[++i]);
      }
      Options o = new Options(seconds(given.remove("before"), 15), seconds(given.remove("outage"), 60),
          seconds(given.remove("after"), 15), Integer.parseInt(given.getOrDefault("threads", "4")),
          Duration.parse(given.getOrDefault("cache-ttl", "PT10S")),
          Duration.parse(given.getOrDefault("call-timeout", "PT10S")),
          Long.parseLong(given.getOrDefault("pause-micros", "1000")));
      given.keySet().removeAll(List.of("threads", "cache-ttl", "call-timeout", "pause-micros"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      return o;
    }

    private static Duration seconds(String value, int defaultSeconds) {
      return Duration.ofSeconds(value == null ? defaultSeconds : Long.parseLong(value));
    }
  }

  /** One phase's figures. */
  public record PhaseResult(Phase phase, Duration length, long operations, long failed, double p50Millis,
      double p99Millis, double maxMillis, double p99FromDueMillis, double maxFromDueMillis, List<String> failures) {}

  /** The whole run. */
  public record Result(Options options, List<PhaseResult> phases, KeyRingStats stats) {
    public PhaseResult phase(Phase p) {
      return phases.get(p.ordinal());
    }

    /**
     * During the outage: no operation failed, the p99 latency stayed under 5 ms, and no operation
     * was held up as long as a KMS call timeout (which a thread waiting for the frozen KMS is).
     */
    public boolean passed() {
      PhaseResult outage = phase(Phase.OUTAGE);
      return outage.failed() == 0 && outage.operations() > 0 && outage.p99Millis() < TARGET_P99_MILLIS
          && outage.maxFromDueMillis() < options.callTimeout().toMillis();
    }

    public String markdown() {
      StringBuilder b = new StringBuilder();
      b.append("| phase | length | operations | failed | p50 | p99 | max | p99 from due | max from due |\n");
      b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (PhaseResult p : phases) {
        b.append(String.format(Locale.ROOT, "| %s | %d s | %,d | %,d | %.3f ms | %.3f ms | %.1f ms | %.1f ms | %.1f ms |%n",
            p.phase().name().toLowerCase(Locale.ROOT), p.length().toSeconds(), p.operations(), p.failed(),
            p.p50Millis(), p.p99Millis(), p.maxMillis(), p.p99FromDueMillis(), p.maxFromDueMillis()));
      }
      b.append(String.format(Locale.ROOT, "%n%d threads, cache TTL %s, KMS call timeout %s; KMS unwraps %d,"
              + " failed key refreshes %d; load average at the end %s; target during the outage: p99 < %.0f ms,"
              + " 0 failed, nothing held up for a KMS call timeout: %s%n",
          options.threads(), options.cacheTtl(), options.callTimeout(), stats.kmsUnwrapCalls(),
          stats.keyRefreshFailures(), loadAverage(), TARGET_P99_MILLIS, passed() ? "met" : "NOT met"));
      for (PhaseResult p : phases) {
        for (String f : p.failures()) {
          b.append("- ").append(p.phase()).append(": ").append(f).append('\n');
        }
      }
      return b.toString();
    }
  }

  private KmsOutageHarness() {}

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Result result = run(options, System.err);
      System.out.print(result.markdown());
      System.exit(result.passed() ? 0 : 1);
    } catch (IOException | RuntimeException e) {
      System.err.println("The harness could not run: " + e);
      System.exit(2);
    }
  }

  /** Runs the harness with {@code options}, progress to {@code progress}. */
  public static Result run(Options options, java.io.PrintStream progress) throws IOException {
    // moto accepts any credentials; the SDK's default chain reads these before the environment.
    System.setProperty("aws.accessKeyId", "colseal-harness");
    System.setProperty("aws.secretAccessKey", "colseal-harness-secret");
    Path logDir = Files.createTempDirectory("colseal-kms-outage-");
    try (MotoServer moto = MotoServer.start(logDir); HarnessKms.Kek kek = HarnessKms.Kek.create(moto.uri())) {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:kmsoutage" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      ColsealConfig config = ColsealConfig.builder()
          .setting("colseal.kms.provider", "aws-kms")
          .setting("colseal.kms.kek-id", kek.alias())
          .setting("colseal.kms.aws.endpoint", moto.uri().toString())
          .setting("colseal.kms.aws.region", HarnessKms.REGION.id())
          .setting("colseal.kms.aws.call-timeout", options.callTimeout())
          .keyCacheTtl(options.cacheTtl())
          .build();
      try (Colseal colseal = Colseal.start(ds, config)) {
        ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
        email.decrypt(email.encrypt("warm-up@example.com"));
        progress.println("moto_server " + moto.uri() + " (logs " + logDir + "); " + options);
        Workers workers = new Workers(email, options);
        List<PhaseResult> phases = new ArrayList<>();
        workers.start();
        phases.add(workers.phase(Phase.BEFORE, options.before(), progress));
        moto.pause();
        try {
          phases.add(workers.phase(Phase.OUTAGE, options.outage(), progress));
        } finally {
          moto.resume();
        }
        phases.add(workers.phase(Phase.AFTER, options.after(), progress));
        workers.stop();
        return new Result(options, phases, colseal.keyRing().stats());
      }
    }
  }

  /** The application threads, recording into the current phase's histograms. */
  private static final class Workers {
    private final ColumnCipher<String, String> cipher;
    private final Options options;
    private final List<Thread> threads = new ArrayList<>();
    private final Recorder[] recorders;
    private final CountDownLatch stopped;
    private volatile int phase;
    private volatile boolean running = true;

    Workers(ColumnCipher<String, String> cipher, Options options) {
      this.cipher = cipher;
      this.options = options;
      this.recorders = new Recorder[options.threads()];
      this.stopped = new CountDownLatch(options.threads());
    }

    void start() {
      for (int i = 0; i < options.threads(); i++) {
        Recorder r = new Recorder();
        recorders[i] = r;
        int n = i;
        Thread t = new Thread(() -> work(n, r), "outage-app-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    /**
     * One pair (encrypt, decrypt) per {@code pauseMicros}, on a fixed schedule: latency counts from
     * when an operation was due, so a thread held up for 10 s records the operations it could not
     * start as 10 s, 9.999 s, ... late (no coordinated omission); behind schedule, it catches up
     * without pausing.
     */
    private void work(int n, Recorder r) {
      long period = options.pauseMicros() * 1000;
      long due = System.nanoTime();
      long i = 0;
      try {
        while (running) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
            continue;
          }
          String plain = "customer" + n + "-" + (i++) + "@example.com";
          String stored = timed(r, due, () -> cipher.encrypt(plain));
          if (stored != null) {
            String back = timed(r, 0, () -> cipher.decrypt(stored));
            if (back != null && !back.equals(plain)) {
              r.fail(phase, "decrypted a different value");
            }
          }
          due += period;
        }
      } finally {
        stopped.countDown();
      }
    }

    /** Runs {@code op}, recording its service time and its time from {@code dueNanos} (0: from its start). */
    private @org.jspecify.annotations.Nullable String timed(Recorder r, long dueNanos,
        java.util.function.Supplier<String> op) {
      int p = phase;
      long start = System.nanoTime();
      long due = dueNanos == 0 ? start : dueNanos;
      try {
        String result = op.get();
        long end = System.nanoTime();
        r.record(p, end - start, end - due);
        return result;
      } catch (ColsealException e) {
        long end = System.nanoTime();
        r.record(p, end - start, end - due);
        r.fail(p, e.code() + " " + e.getClass().getSimpleName());
        return null;
      } catch (RuntimeException e) {
        long end = System.nanoTime();
        r.record(p, end - start, end - due);
        r.fail(p, e.getClass().getName());
        return null;
      }
    }

    PhaseResult phase(Phase p, Duration length, java.io.PrintStream progress) {
      phase = p.ordinal();
      progress.println(p + " for " + length.toSeconds() + " s");
      long deadline = System.nanoTime() + length.toNanos();
      while (System.nanoTime() < deadline) {
        LockSupport.parkNanos(deadline - System.nanoTime()); // the phase's length, not a synchronisation
      }
      return summary(p, length);
    }

    void stop() {
      running = false;
      try {
        stopped.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private PhaseResult summary(Phase p, Duration length) {
      long[] service = new long[BUCKETS];
      long[] fromDue = new long[BUCKETS];
      long max = 0;
      long maxFromDue = 0;
      long failed = 0;
      List<String> failures = new ArrayList<>();
      for (Recorder r : recorders) {
        synchronized (r) {
          int i = p.ordinal();
          for (int b = 0; b < BUCKETS; b++) {
            service[b] += r.service[i][b];
            fromDue[b] += r.fromDue[i][b];
          }
          max = Math.max(max, r.maxNanos[i]);
          maxFromDue = Math.max(maxFromDue, r.maxFromDueNanos[i]);
          failed += r.failed[i];
          failures.addAll(r.failures.get(i).keySet());
        }
      }
      long total = 0;
      for (long c : service) {
        total += c;
      }
      return new PhaseResult(p, length, total, failed, percentile(service, total, 0.50),
          percentile(service, total, 0.99), max / 1e6, percentile(fromDue, total, 0.99), maxFromDue / 1e6, failures);
    }

    private static double percentile(long[] counts, long total, double q) {
      long rank = (long) Math.ceil(q * total);
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank && seen > 0) {
          return i < FINE_MICROS ? i / 1000.0 : (FINE_MICROS + (i - FINE_MICROS) * 1000L) / 1000.0;
        }
      }
      return 0;
    }
  }

  /** One thread's histograms per phase: microseconds below 10 ms, milliseconds above. */
  private static final class Recorder {
    final long[][] service = new long[Phase.values().length][BUCKETS];
    final long[][] fromDue = new long[Phase.values().length][BUCKETS];
    final long[] maxNanos = new long[Phase.values().length];
    final long[] maxFromDueNanos = new long[Phase.values().length];
    final long[] failed = new long[Phase.values().length];
    final List<Map<String, Boolean>> failures = new ArrayList<>();

    Recorder() {
      for (int i = 0; i < Phase.values().length; i++) {
        failures.add(new TreeMap<>());
      }
    }

    synchronized void record(int phase, long serviceNanos, long fromDueNanos) {
      service[phase][bucket(serviceNanos)]++;
      fromDue[phase][bucket(fromDueNanos)]++;
      maxNanos[phase] = Math.max(maxNanos[phase], serviceNanos);
      maxFromDueNanos[phase] = Math.max(maxFromDueNanos[phase], fromDueNanos);
    }

    private static int bucket(long nanos) {
      long micros = nanos / 1000;
      return micros < FINE_MICROS ? (int) micros
          : (int) Math.min(BUCKETS - 1, FINE_MICROS + (micros - FINE_MICROS) / 1000);
    }

    synchronized void fail(int phase, String what) {
      failed[phase]++;
      failures.get(phase).put(what, Boolean.TRUE);
    }
  }
}
