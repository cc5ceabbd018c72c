package io.colseal.benchmarks.hibernate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Reads what {@link PairedTimer} wrote and computes, over the measurement iterations of all forks,
 * each variant's mean ns per row and its ratios, each ratio taken within one iteration of one fork
 * (so both sides saw the same load) and then averaged: {@code plain / variant} (the throughput
 * relative to plain, as earlier tables gave it) and, for select, {@code ceiling / variant}, where
 * the ceiling is {@code plain-envelope-text + jdk-gcm-4} of the same iteration. The 95 % confidence
 * intervals are Student-t intervals over the n = forks × iterations per-iteration values (mean ± t
 * (0.975, n−1) · s / √n); iterations of one fork are treated as independent, which they are only
 * approximately.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.hibernate.PairedResults
 * FILE} prints the table and every iteration's numbers.
 */
public final class PairedResults {
  static final String CEILING = "ceiling";
  /** Derived per iteration: colseal-text-own-loader − no-cipher, the AES-GCM share of colseal's path. */
  static final String CIPHER = "aes-gcm share (own-loader − no-cipher)";
  /** The system property naming the file {@link PairedTimer} appends to. */
  public static final String OUT = "bench.paired.out";

  private PairedResults() {}

  /** One line of the file. */
  record Sample(String benchmark, String fork, String phase, int iteration, String variant, double nsPerRow, String load) {}

  /** Mean and half-width of the 95 % interval. */
  public record Estimate(double mean, double halfWidth, int n) {
    String format(String fmt) {
      if (n == 0 || Double.isNaN(mean)) {
        return "—";
      }
      return String.format(Locale.ROOT, fmt, mean) + (n > 1 ? " ± " + String.format(Locale.ROOT, fmt, halfWidth) : "");
    }
  }

  /** One variant's results. */
  public record Row(String variant, Estimate nsPerRow, Estimate vsPlain, Estimate vsCeiling, Estimate minusPlain) {}

  static List<Sample> read(Path file) throws IOException {
    List<Sample> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length >= 8) {
        out.add(new Sample(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], Double.parseDouble(f[5]), f[7]));
      }
    }
    return out;
  }

  /** (fork, iteration) → variant → ns per row, measurement iterations only; the ceiling added for select. */
  static Map<String, Map<String, Double>> iterations(List<Sample> samples, String benchmark, String phase) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Sample s : samples) {
      if (s.benchmark().equals(benchmark) && s.phase().equals(phase)) {
        out.computeIfAbsent(s.fork() + String.format(Locale.ROOT, "/%03d", s.iteration()), k -> new LinkedHashMap<>())
            .put(s.variant(), s.nsPerRow());
      }
    }
    for (Map<String, Double> it : out.values()) {
      if (it.containsKey("plain-envelope-text") && it.containsKey("jdk-gcm-4")) {
        it.put(CEILING, it.get("plain-envelope-text") + it.get("jdk-gcm-4"));
      }
    }
    return out;
  }

  public static List<Row> summarize(List<Sample> samples, String benchmark) {
    Map<String, Map<String, Double>> its = iterations(samples, benchmark, "measure");
    List<String> variants = new ArrayList<>();
    its.values().forEach(m -> m.keySet().stream().filter(v -> !variants.contains(v)).forEach(variants::add));
    String plain = variants.stream().filter(v -> v.startsWith("plain") && !v.startsWith("plain-")).findFirst().orElse("plain");
    for (Map<String, Double> m : its.values()) {
      for (String v : List.copyOf(m.keySet())) {
        if (v.startsWith("no-cipher")) {
          Double own = m.get("colseal-text-own-loader" + v.substring("no-cipher".length()));
          if (own != null) {
            m.put(CIPHER + v.substring("no-cipher".length()), own - m.get(v));
          }
        }
      }
    }
    its.values().forEach(m -> m.keySet().stream().filter(v -> !variants.contains(v)).forEach(variants::add));
    List<Row> rows = new ArrayList<>();
    for (String v : variants) {
      String base = v.contains("/") ? "plain" + v.substring(v.indexOf('/')) : plain;
      rows.add(new Row(v,
          estimate(its.values(), m -> m.getOrDefault(v, Double.NaN)),
          estimate(its.values(), m -> m.getOrDefault(base, Double.NaN) / m.getOrDefault(v, Double.NaN)),
          estimate(its.values(), m -> m.getOrDefault(CEILING, Double.NaN) / m.getOrDefault(v, Double.NaN)),
          estimate(its.values(), m -> m.getOrDefault(v, Double.NaN) - m.getOrDefault(base, Double.NaN))));
    }
    return rows;
  }

  static Estimate estimate(java.util.Collection<Map<String, Double>> its, ToDoubleFunction<Map<String, Double>> f) {
    double[] xs = its.stream().mapToDouble(f).filter(x -> !Double.isNaN(x) && !Double.isInfinite(x)).toArray();
    int n = xs.length;
    if (n == 0) {
      return new Estimate(Double.NaN, Double.NaN, 0);
    }
    double mean = java.util.Arrays.stream(xs).average().orElse(Double.NaN);
    if (n == 1) {
      return new Estimate(mean, Double.NaN, 1);
    }
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
    return new Estimate(mean, t * sd / Math.sqrt(n), n);
  }

  /**
   * Flatness: per variant, how much the second half of each fork's measurement iterations differs
   * from the first half (mean over forks, percent of the first half's mean), for the ns per row
   * ({@code ratio} false; moves with the machine's load) or for plain ÷ variant ({@code ratio} true).
   */
  static Map<String, Double> drift(List<Sample> samples, String benchmark, boolean ratio) {
    Map<String, Map<String, Double>> its = iterations(samples, benchmark, "measure");
    Map<String, Map<String, List<Double>>> byVariantFork = new LinkedHashMap<>();
    its.forEach((key, m) -> {
      String fork = key.substring(0, key.indexOf('/'));
      m.forEach((v, ns) -> {
        String base = v.contains("/") ? "plain" + v.substring(v.indexOf('/')) : "plain";
        double x = ratio ? m.getOrDefault(base, Double.NaN) / ns : ns;
        byVariantFork.computeIfAbsent(v, k -> new TreeMap<>()).computeIfAbsent(fork, k -> new ArrayList<>()).add(x);
      });
    });
    Map<String, Double> out = new LinkedHashMap<>();
    byVariantFork.forEach((variant, forks) -> {
      List<Double> drifts = new ArrayList<>();
      forks.values().forEach(xs -> {
        int h = xs.size() / 2;
        if (h > 0) {
          double a = xs.subList(0, h).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
          double b = xs.subList(xs.size() - h, xs.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
          drifts.add(100 * (b - a) / a);
        }
      });
      out.put(variant, drifts.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    });
    return out;
  }

  static String loadRange(List<Sample> samples) {
    double[] loads = samples.stream().filter(s -> s.phase().equals("measure")).map(Sample::load)
        .filter(l -> !l.equals("-")).mapToDouble(Double::parseDouble).toArray();
    if (loads.length == 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%.2f–%.2f (mean %.2f)", java.util.Arrays.stream(loads).min().orElse(0),
        java.util.Arrays.stream(loads).max().orElse(0), java.util.Arrays.stream(loads).average().orElse(0));
  }

  /** The Markdown section of docs/performance.md. */
  public static String markdown(Path file) throws IOException {
    List<Sample> samples = read(file);
    StringBuilder md = new StringBuilder();
    md.append("#### Through Hibernate on PostgreSQL: paired\n\n");
    long forks = samples.stream().map(x -> x.benchmark() + ' ' + x.fork()).distinct().count()
        / Math.max(1, samples.stream().map(Sample::benchmark).distinct().count());
    md.append("Every variant timed in the same invocation over the same rows, order rotating; ratios taken per")
        .append(" iteration, then averaged; ± is the 95 % Student-t interval over forks × iterations (")
        .append(forks).append(" fork(s) per benchmark). Load average during measurement: ").append(loadRange(samples))
        .append(".\n\n");
    List<Row> select = summarize(samples, HibernatePairedSelectBenchmark.NAME);
    if (!select.isEmpty()) {
      Map<String, Double> drift = drift(samples, HibernatePairedSelectBenchmark.NAME, false);
      Map<String, Double> ratioDrift = drift(samples, HibernatePairedSelectBenchmark.NAME, true);
      md.append("Select, 100 rows by id range, every attribute read; ceiling = plain-envelope-text + 4 JDK AES-GCM")
          .append(" decryptions per row (jdk-gcm-4):\n\n");
      md.append("| variant | ns per row | − plain, ns per row | plain ÷ variant | ceiling ÷ variant | drift ns | drift ratio |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (Row r : select) {
        boolean db = !r.variant().equals("jdk-gcm-4") && !r.variant().startsWith(CIPHER) && !r.variant().equals("plain");
        boolean colseal = db && !r.variant().startsWith("plain") && !r.variant().equals(CEILING);
        md.append("| ").append(r.variant()).append(" | ").append(r.nsPerRow().format("%,.0f")).append(" | ")
            .append(db ? r.minusPlain().format("%,.0f") : "—").append(" | ")
            .append(db ? r.vsPlain().format("%.3f") : "—").append(" | ")
            .append(colseal ? r.vsCeiling().format("%.3f") : "—")
            .append(" | ").append(pct(drift.get(r.variant()))).append(" | ")
            .append(db ? pct(ratioDrift.get(r.variant())) : "—").append(" |\n");
      }
      md.append('\n');
      Map<String, Map<String, Double>> its = iterations(samples, HibernatePairedSelectBenchmark.NAME, "measure");
      for (String storage : List.of("text", "binary")) {
        String base = "colseal-" + storage;
        String keyed = base + "-column-keys";
        Estimate gain = estimate(its.values(), m -> m.getOrDefault(base, Double.NaN) / m.getOrDefault(keyed, Double.NaN));
        if (gain.n() > 0) {
          md.append("Column keys (algorithm 04), ").append(storage).append(" storage: ").append(base).append(" ÷ ")
              .append(keyed).append(" = ").append(gain.format("%.3f")).append(" (rows per second with column keys")
              .append(" over algorithm 01, both read by one SessionFactory).\n");
        }
      }
      md.append('\n');
    }
    List<Row> insert = summarize(samples, HibernatePairedInsertBenchmark.NAME);
    if (!insert.isEmpty()) {
      Map<String, Double> drift = drift(samples, HibernatePairedInsertBenchmark.NAME, false);
      Map<String, Double> ratioDrift = drift(samples, HibernatePairedInsertBenchmark.NAME, true);
      md.append("Insert, 100 rows per transaction (against plain with the same batching):\n\n");
      md.append("| variant | ns per row | − plain, ns per row | plain ÷ variant | drift ns | drift ratio |\n")
          .append("|---|---:|---:|---:|---:|---:|\n");
      for (Row r : insert) {
        boolean derived = r.variant().startsWith(CIPHER);
        boolean plain = r.variant().startsWith("plain/");
        md.append("| ").append(r.variant()).append(" | ").append(r.nsPerRow().format("%,.0f")).append(" | ")
            .append(derived || plain ? "—" : r.minusPlain().format("%,.0f")).append(" | ")
            .append(derived || plain ? "—" : r.vsPlain().format("%.3f")).append(" | ")
            .append(pct(drift.get(r.variant()))).append(" | ")
            .append(derived || plain ? "—" : pct(ratioDrift.get(r.variant()))).append(" |\n");
      }
      md.append('\n');
    }
    md.append("drift: second half of each fork's measurement iterations against the first half (mean over forks), of the")
        .append(" ns per row (which follows the machine's load) and of plain ÷ variant.\n");
    return md.toString();
  }

  private static String pct(Double v) {
    return v == null || v.isNaN() ? "—" : String.format(Locale.ROOT, "%+.1f %%", v);
  }

  /** Every iteration, warm-up included, one line per fork and iteration. */
  static String iterationsText(Path file) throws IOException {
    List<Sample> samples = read(file);
    StringBuilder out = new StringBuilder();
    for (String bench : List.of(HibernatePairedSelectBenchmark.NAME, HibernatePairedInsertBenchmark.NAME)) {
      for (String phase : List.of("warmup", "measure")) {
        iterations(samples, bench, phase).forEach((k, m) -> {
          out.append(bench).append(' ').append(phase).append(' ').append(k).append(':');
          m.forEach((v, ns) -> out.append(String.format(Locale.ROOT, " %s=%.0f", v, ns)));
          out.append('\n');
        });
      }
    }
    return out.toString();
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    System.out.println(iterationsText(file));
    System.out.println(markdown(file));
  }
}
