package io.colseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedFieldHarnessTest {
  /**
   * Load that changes from round to round (the floor's time moves tenfold) must not move the ratio:
   * each variant is divided by its floor from the same fork and round, never by an average.
   */
  @Test
  void ratios_divideByTheFloorOfTheSameForkAndRound() {
    List<String[]> samples = new ArrayList<>();
    for (int fork = 0; fork < 2; fork++) {
      for (int round = 0; round < 40; round++) {
        double floor = 100 + 900 * ((round * 7 + fork * 3) % 10) / 9.0;
        samples.add(sample(fork, "decrypt/64", "floor", "floor", round, floor));
        samples.add(sample(fork, "decrypt/64", "floor", "twice", round, 2 * floor));
      }
    }
    PairedFieldHarness.Ratio twice = PairedFieldHarness.ratios(samples).stream()
        .filter(r -> r.variant().equals("twice")).findFirst().orElseThrow();
    assertEquals(2.0, twice.ratio(), 1e-9);
    assertEquals(2.0, twice.low(), 1e-9);
    assertEquals(2.0, twice.high(), 1e-9);
    assertEquals(80, twice.rounds());
  }

  @Test
  void ratios_giveAConfidenceIntervalAroundTheGeometricMean() {
    List<String[]> samples = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      samples.add(sample(0, "g", "floor", "floor", round, 100));
      samples.add(sample(0, "g", "floor", "v", round, round % 2 == 0 ? 150 : 600)); // geometric mean 3.0
    }
    PairedFieldHarness.Ratio v = PairedFieldHarness.ratios(samples).stream()
        .filter(r -> r.variant().equals("v")).findFirst().orElseThrow();
    assertEquals(3.0, v.ratio(), 1e-9);
    assertTrue(v.low() < 3.0 && v.low() > 2.0 && v.high() > 3.0 && v.high() < 4.5, v.toString());
  }

  /** Every group runs in a child JVM and is rendered; the numbers of so short a run are not looked at. */
  @Test
  void smokeRun_rendersEveryGroup() throws Exception {
    String md = PairedFieldHarness.run(Map.of("forks", "1", "rounds", "2", "warmup", "1", "block-ms", "1", "sizes", "64"));
    for (String group : List.of("decrypt/64", "encrypt/64", "searchable/64", "binding/4x64", "legacy/64")) {
      assertTrue(md.contains("#### Paired per field: " + group), md);
    }
    for (String variant : List.of("jce-floor-aad-string", "colseal-text-string", "colseal-deterministic",
        "colseal-blind-index", "subkey-cipher-per-column", "colseal-01", "colseal-04", "colseal-binary-column-keys",
        "colseal-text-string-column-keys", "tink", "jasypt-aes256", "aws-esdk")) {
      assertTrue(md.contains("| " + variant + " |"), md);
    }
  }

  private static String[] sample(int fork, String group, String floor, String variant, int round, double ns) {
    return new String[] {Integer.toString(fork), group, floor, variant, Integer.toString(round), Double.toString(ns), "0"};
  }
}
