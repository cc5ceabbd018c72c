package io.colseal.benchmarks.reencrypt;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.colseal.cli.ColsealCommand;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The job's JVM, started by {@link ReencryptHarness}: {@code colseal} exactly as {@code bin/colseal}
 * runs it ({@link ColsealCommand#main}, which exits with the command's status), with a heap sampler
 * beside it. The sampler reads the used heap every {@value #SAMPLE_MILLIS} ms and after every
 * garbage collection, and at exit (a shutdown hook, after one last full collection) writes a {@link
 * HeapReport} as JSON to the file named by the system property {@value #REPORT_PROPERTY}.
 *
 * <pre>
 * java -Xmx256m -Dbench.colseal.heap-report=heap.json -cp benchmarks.jar \
 *     io.colseal.benchmarks.reencrypt.ReencryptProcess reencrypt --table bench_accounts --json ...
 * </pre>
 */
public final class ReencryptProcess {
  static final String REPORT_PROPERTY = "bench.colseal.heap-report";
  static final long SAMPLE_MILLIS = 100;
  private static final long MIB = 1024 * 1024;

  /**
   * Used heap as the job saw it, in MiB.
   *
   * @param maxHeapMb the heap limit ({@code -Xmx})
   * @param peakUsedMb the most used heap sampled, garbage included
   * @param peakAfterGcMb the most heap still used right after a collection: the live set at its largest
   * @param afterGcFirstHalfMb the most used right after a collection in the first half of the run
   * @param afterGcSecondHalfMb the same in the second half; close to the first half when the heap is flat
   * @param finalUsedMb used heap at exit, after a full collection
   * @param collections garbage collections during the run
   * @param collectors the collectors' names (which GC the JVM chose)
   * @param uptimeMillis the JVM's life until the exit hook
   */
  record HeapReport(
      long maxHeapMb,
      long peakUsedMb,
      long peakAfterGcMb,
      long afterGcFirstHalfMb,
      long afterGcSecondHalfMb,
      long finalUsedMb,
      long collections,
      List<String> collectors,
      long uptimeMillis) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peakUsed = new AtomicLong();
  /** (uptime millis, bytes used after the collection) of every collection. */
  private final List<long[]> afterGc = new ArrayList<>();

  private ReencryptProcess() {}

  public static void main(String[] args) {
    String report = System.getProperty(REPORT_PROPERTY);
    if (report != null) {
      new ReencryptProcess().start(Path.of(report));
    }
    ColsealCommand.main(args);
  }

  private void start(Path report) {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
            long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
            peakUsed.accumulateAndGet(before, Math::max);
            synchronized (afterGc) {
              afterGc.add(new long[] {ManagementFactory.getRuntimeMXBean().getUptime(), used});
            }
          }
        }, null, null);
      }
    }
    Thread sampler = new Thread(() -> {
      while (true) {
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> write(report), "heap-report"));
  }

  private void write(Path report) {
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    List<long[]> events;
    synchronized (afterGc) {
      events = new ArrayList<>(afterGc);
    }
    System.gc();
    long finalUsed = memory.getHeapMemoryUsage().getUsed();
    long half = uptime / 2;
    long collections = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    HeapReport r = new HeapReport(
        memory.getHeapMemoryUsage().getMax() / MIB,
        peakUsed.get() / MIB,
        events.stream().mapToLong(e -> e[1]).max().orElse(0) / MIB,
        events.stream().filter(e -> e[0] <= half).mapToLong(e -> e[1]).max().orElse(0) / MIB,
        events.stream().filter(e -> e[0] > half).mapToLong(e -> e[1]).max().orElse(0) / MIB,
        finalUsed / MIB,
        // The final System.gc() is the sampler's, not the job's.
        Math.max(0, collections - 1),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
        uptime);
    try {
      Files.writeString(report, new Gson().toJson(r), UTF_8);
    } catch (IOException e) {
      System.err.println("cannot write the heap report " + report + ": " + e.getMessage());
    }
  }
}
