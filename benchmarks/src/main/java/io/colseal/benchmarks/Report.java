package io.colseal.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;

/** Turns the suite's JMH results into the Markdown tables of {@code docs/performance.md}. */
final class Report {
  static final List<String> IMPLS =
      List.of("jce-floor", "jce-floor-aad", "colseal-binary", "colseal-text", "colseal-text-string", "tink", "jasypt-pbe", "jasypt-aes256", "aws-esdk");
  static final List<String> SIZES = List.of("16", "64", "1024", "16384");

  private Report() {}

  static String markdown(Suite.Results r) {
    StringBuilder md = new StringBuilder();
    md.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(machine())
        .append(r.smoke() ? " — SMOKE RUN, numbers meaningless" : "").append(".\n\n");
    if (!r.precise().isEmpty()) {
      md.append("#### 64 B round trip (2 forks × 4 s)\n\n");
      md.append("| implementation | ns per round trip | × floor | × floor with colseal's AAD |\n|---|---:|---:|---:|\n");
      double floor = score(r.precise(), "roundTrip", "jce-floor", "64").orElse(Double.NaN);
      double floorAad = score(r.precise(), "roundTrip", "jce-floor-aad", "64").orElse(Double.NaN);
      for (RunResult rr : sorted(r.precise())) {
        String impl = rr.getParams().getParam("impl");
        double s = rr.getPrimaryResult().getScore();
        md.append("| ").append(impl).append(" | ").append(fmt(s)).append(" ± ").append(fmt(rr.getPrimaryResult().getScoreError()))
            .append(" | ").append(ratio(s / floor)).append(" | ").append(ratio(s / floorAad)).append(" |\n");
      }
      md.append('\n');
    }
    for (String bench : r.grid().isEmpty() ? List.<String>of() : List.of("roundTrip", "encrypt", "decrypt")) {
      md.append("#### Per field: ").append(bench).append(" (ns per value, × jce-floor)\n\n");
      md.append("| implementation |");
      List<String> sizes = SIZES.stream().filter(sz -> has(r.grid(), sz)).toList();
      sizes.forEach(sz -> md.append(' ').append(label(sz)).append(" |"));
      md.append("\n|---|").append("---:|".repeat(sizes.size())).append('\n');
      for (String impl : IMPLS) {
        if (score(r.grid(), bench, impl, sizes.get(0)).isEmpty()) {
          continue;
        }
        md.append("| ").append(impl).append(" |");
        for (String sz : sizes) {
          Optional<Double> s = score(r.grid(), bench, impl, sz);
          Optional<Double> f = score(r.grid(), bench, "jce-floor", sz);
          md.append(' ').append(s.map(Report::fmt).orElse("—"));
          if (s.isPresent() && f.isPresent()) {
            md.append(" (").append(ratio(s.get() / f.get())).append(')');
          }
          md.append(" |");
        }
        md.append('\n');
      }
      md.append('\n');
    }
    if (!r.hibernate().isEmpty()) {
      try {
        md.append(io.colseal.benchmarks.hibernate.PairedResults.markdown(r.paired())).append('\n');
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (!r.keyCache().isEmpty()) {
      md.append("#### Key ring: cached key lookup (ns, 2 threads)\n\n| lookup | ns |\n|---|---:|\n");
      for (RunResult rr : r.keyCache()) {
        md.append("| ").append(rr.getParams().getBenchmark().replaceAll(".*\\.", "")).append(" | ")
            .append(fmt(rr.getPrimaryResult().getScore())).append(" |\n");
      }
      md.append('\n');
    }
    if (!r.kms().isBlank()) {
      md.append(r.kms().strip()).append("\n\n");
    }
    return md.toString();
  }

  private static boolean has(Collection<RunResult> results, String size) {
    return results.stream().anyMatch(rr -> size.equals(rr.getParams().getParam("size")));
  }

  static Optional<Double> score(Collection<RunResult> results, String bench, String impl, String size) {
    return results.stream()
        .filter(rr -> rr.getParams().getBenchmark().endsWith("." + bench))
        .filter(rr -> impl.equals(rr.getParams().getParam("impl")) && size.equals(rr.getParams().getParam("size")))
        .map(rr -> rr.getPrimaryResult().getScore())
        .findFirst();
  }

  private static List<RunResult> sorted(Collection<RunResult> results) {
    return results.stream()
        .sorted(java.util.Comparator.comparingInt(rr -> IMPLS.indexOf(rr.getParams().getParam("impl"))))
        .toList();
  }

  private static String label(String size) {
    int n = Integer.parseInt(size);
    return n >= 1024 ? (n / 1024) + " KiB" : n + " B";
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "—";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String ratio(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "—";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f×", v) : String.format(Locale.ROOT, "%.2f×", v);
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException | RuntimeException ignored) {
      // Not Linux: leave the CPU unnamed.
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), "
        + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }
}
