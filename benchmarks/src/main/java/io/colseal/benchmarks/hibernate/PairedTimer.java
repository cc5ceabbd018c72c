package io.colseal.benchmarks.hibernate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The accumulators of a paired benchmark: each JMH invocation runs every variant once, in an order
 * that rotates from one invocation to the next, and adds each variant's wall time to its own
 * accumulator. At the end of each iteration the nanoseconds per row of every variant are printed
 * and, when the system property {@value #OUT} names a file, appended to it as one tab-separated
 * line per variant: benchmark, fork (process id), phase ({@code warmup} or {@code measure}),
 * iteration, variant, ns per row, rows, 1-minute load average. {@link PairedResults} reads that
 * file.
 */
final class PairedTimer {
  static final String OUT = PairedResults.OUT;

  private final String benchmark;
  private final List<String> variants;
  private final long[] nanos;
  private final long[] rows;
  private int rotation;
  private String phase = "measure";
  private int iteration;
  private int warmups;

  PairedTimer(String benchmark, List<String> variants) {
    this.benchmark = benchmark;
    this.variants = variants;
    nanos = new long[variants.size()];
    rows = new long[variants.size()];
  }

  int size() {
    return variants.size();
  }

  /** The variant to run at position {@code k} of this invocation; {@link #next()} rotates. */
  int at(int k) {
    return (rotation + k) % variants.size();
  }

  void next() {
    rotation++;
  }

  void add(int variant, long ns, int n) {
    nanos[variant] += ns;
    rows[variant] += n;
  }

  void startIteration(IterationParams params) {
    java.util.Arrays.fill(nanos, 0);
    java.util.Arrays.fill(rows, 0);
    if (params.getType() == IterationType.WARMUP) {
      phase = "warmup";
      iteration = ++warmups;
    } else {
      iteration = "warmup".equals(phase) ? 1 : iteration + 1;
      phase = "measure";
    }
  }

  void endIteration() {
    long pid = ProcessHandle.current().pid();
    String load = loadAverage();
    StringBuilder lines = new StringBuilder();
    StringBuilder console = new StringBuilder("[paired] " + phase + " " + iteration + ":");
    for (int v = 0; v < variants.size(); v++) {
      double perRow = rows[v] == 0 ? Double.NaN : (double) nanos[v] / rows[v];
      lines.append(benchmark).append('\t').append(pid).append('\t').append(phase).append('\t').append(iteration)
          .append('\t').append(variants.get(v)).append('\t').append(String.format(Locale.ROOT, "%.1f", perRow))
          .append('\t').append(rows[v]).append('\t').append(load).append('\n');
      console.append(String.format(Locale.ROOT, " %s=%.0f", variants.get(v), perRow));
    }
    System.out.println(console.append(" ns/row, load ").append(load));
    String out = System.getProperty(OUT);
    if (out != null && !out.isBlank()) {
      try {
        Files.writeString(Path.of(out), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "-";
    }
  }
}
