package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.colseal.Normalizer;
import io.colseal.internal.crypto.BlindIndexMac;
import io.colseal.keys.Identifiers;
import io.colseal.testing.DocRegions;
import io.colseal.testing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the independent decoder {@code docs/reference/examples/colseal_decode.py}, written from the
 * format document alone, over the test vectors. Needs {@code python3} with the {@code cryptography}
 * package and its AESGCMSIV: without them the tests abort with a message, or fail when {@code
 * COLSEAL_TEST_REQUIRE_PYTHON=true}.
 */
class PythonDecoderTest {
  private static final Path DECODER = Path.of("docs", "reference", "examples", "colseal_decode.py");
  private static final Path ARIA = Path.of("docs", "reference", "examples", "aria_gcm.py");
  private static final long TIMEOUT_SECONDS = 120;

  record Result(int exitCode, String output) {}

  /** Why the decoder cannot run here, or "" when it can; probed once. */
  private static String problem;

  @BeforeEach
  void requirePython() throws InterruptedException {
    requirePythonOrAbort();
  }

  /** Aborts the calling test when python3 with 'cryptography' is missing, or fails it when required. */
  static void requirePythonOrAbort() throws InterruptedException {
    if (problem == null) {
      problem = probe();
    }
    if (problem.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_PYTHON"))) {
      fail(problem + " (COLSEAL_TEST_REQUIRE_PYTHON=true)");
    }
    Assumptions.abort(problem + "; the independent decoder was not run."
        + " Set COLSEAL_TEST_REQUIRE_PYTHON=true to make this a failure");
  }

  private static String probe() throws InterruptedException {
    try {
      Result r = run(List.of("python3", "-c",
          "from cryptography.hazmat.primitives.ciphers.aead import AESGCMSIV; AESGCMSIV(bytes(32))"));
      return r.exitCode() == 0 ? "" : "python3 has no 'cryptography' package with a usable AESGCMSIV: " + r.output().strip();
    } catch (IOException e) {
      return "python3 cannot be started: " + e.getMessage();
    }
  }

  @Test
  void pythonDecoder_committedVectors_allPass() throws IOException, InterruptedException {
    Path vectors = DocRegions.moduleDirectory().resolve(EnvelopeVectorsGenerator.VECTORS_FILE);
    Result r = decode(vectors);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().strip().endsWith(" 0 failed"), r.output());
  }

  @Test
  @SuppressWarnings("unchecked")
  void pythonDecoder_alteredVectors_reportsEachAndExitsNonZero(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path source = DocRegions.moduleDirectory().resolve(EnvelopeVectorsGenerator.VECTORS_FILE);
    Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(source, StandardCharsets.UTF_8));
    List<Map<String, Object>> vectors = new ArrayList<>();
    for (Object o : (List<Object>) manifest.get("vectors")) {
      vectors.add((Map<String, Object>) o);
    }
    Map<String, Object> okVector = find(vectors, "string-ascii-text");
    okVector.put("value", "mallory@example.com");
    Map<String, Object> mustFail = find(vectors, "binary-tag-first-bit");
    mustFail.put("envelope", find(vectors, "string-ascii-binary").get("envelope"));
    Map<String, Object> wrongReason = find(vectors, "text-algorithm-02-reserved");
    wrongReason.put("reason", "malformed"); // rejected at authentication since 02 is implemented
    Path altered = dir.resolve("altered.json");
    Files.writeString(altered, Json.write(manifest), StandardCharsets.UTF_8);

    Result r = decode(altered);

    assertEquals(1, r.exitCode(), r.output());
    for (String id : List.of("string-ascii-text", "binary-tag-first-bit", "text-algorithm-02-reserved")) {
      assertTrue(r.output().contains("FAIL " + id + ":"), id + " not reported:\n" + r.output());
    }
    assertTrue(r.output().strip().endsWith(" 3 failed"), r.output());
  }

  /**
   * The decoder's own ARIA-GCM ({@code aria_gcm.py}, needed since Python's {@code cryptography} has
   * no ARIA) passes the RFC 5794 appendix A block known answers and every entry of the Wycheproof
   * ARIA-256-GCM group colseal's Java path is checked against.
   */
  @Test
  void pythonAriaReference_rfc5794AndWycheproof_allPass() throws IOException, InterruptedException {
    Path wycheproof = DocRegions.moduleDirectory().resolve("src/test/resources/vectors/aria-gcm-wycheproof.json");
    Result r = run(List.of("python3", DocRegions.repositoryRoot().resolve(ARIA).toString(), wycheproof.toString()));
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().strip().endsWith("68 passed, 0 failed"), r.output());
  }

  @Test
  void pythonDecoder_blindIndexes_matchJavaForEveryNormalizerAndTruncation(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path cases = dir.resolve("blind-index-cases.json");
    Files.writeString(cases, Json.write(Map.of("cases", blindIndexCases())), StandardCharsets.UTF_8);

    Result r = run(List.of("python3", DocRegions.repositoryRoot().resolve(DECODER).toString(), "--blind-index",
        cases.toString()));

    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().strip().endsWith(blindIndexCases().size() + " passed, 0 failed"), r.output());
  }

  @Test
  void pythonDecoder_blindIndexOfAlteredCase_reportsIt(@TempDir Path dir) throws IOException, InterruptedException {
    List<Map<String, Object>> altered = blindIndexCases();
    altered.get(0).put("expect", altered.get(2).get("expect")); // 255 bits instead of 256
    Path cases = dir.resolve("altered.json");
    Files.writeString(cases, Json.write(Map.of("cases", altered)), StandardCharsets.UTF_8);

    Result r = run(List.of("python3", DocRegions.repositoryRoot().resolve(DECODER).toString(), "--blind-index",
        cases.toString()));

    assertEquals(1, r.exitCode(), r.output());
    assertTrue(r.output().contains("FAIL " + altered.get(0).get("id") + ":"), r.output());
  }

  /**
   * Blind indexes colseal computes, with the inputs an independent implementation gets from the
   * docs: every normaliser, truncations that do and do not end on a byte, un-normalised names, and
   * LOWER_TRIM around every code point Java counts as white space and the ones it does not
   * (U+00A0, U+2007, U+202F, U+0085, U+180E, U+200B, U+FEFF stay).
   */
  private static List<Map<String, Object>> blindIndexCases() {
    byte[] keyBytes = new byte[32];
    for (int i = 0; i < keyBytes.length; i++) {
      keyBytes[i] = (byte) (0xA0 + i);
    }
    SecretKey key = new SecretKeySpec(keyBytes, "HmacSHA256");
    List<Map<String, Object>> out = new ArrayList<>();
    String[][] values = {
        {"AS_IS", "Alice@Example.com "}, {"AS_IS", ""}, {"LOWER_TRIM", "  Alice@Example.COM\t"},
        {"LOWER_TRIM", "JOSE\u0301"}, {"LOWER_TRIM", "\u0130STANBUL \u03a3\u039f\u03a3"}, {"LOWER_TRIM", "홍길동"},
        {"DIGITS_ONLY", "010-1234-5678"}, {"DIGITS_ONLY", "\uff10\uff11\uff10 \u0661\u0662 \ud835\udfce"},
        {"DIGITS_ONLY", "no digits"}};
    int[] bits = {0, 256, 255, 16, 12, 8, 1};
    for (String[] v : values) {
      for (int b : bits) {
        out.add(blindIndexCase(key, keyBytes, 7, "Shop.\"Customers\"", " EMAIL_BIDX", Normalizer.valueOf(v[0]), b, v[1]));
      }
    }
    List<Integer> around = new ArrayList<>(List.of(0x00A0, 0x2007, 0x202F, 0x0085, 0x180E, 0x200B, 0xFEFF));
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.isWhitespace(cp)) {
        around.add(cp);
      }
    }
    for (int cp : around) {
      String ws = new String(Character.toChars(cp));
      out.add(blindIndexCase(key, keyBytes, 1, "customers", "email_bidx", Normalizer.LOWER_TRIM, 0,
          ws + "Bob@Example.com" + ws));
    }
    for (int i = 0; i < out.size(); i++) {
      out.get(i).put("id", "bidx-" + i);
    }
    return out;
  }

  private static Map<String, Object> blindIndexCase(SecretKey key, byte[] keyBytes, int keyVersion, String table,
      String column, Normalizer normalizer, int bits, String plaintext) {
    String normalized = normalizer.apply(plaintext);
    BlindIndexMac mac = new BlindIndexMac(Identifiers.normalize(table), Identifiers.normalize(column), normalizer.name(),
        bits);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("key", HexFormat.of().formatHex(keyBytes));
    c.put("key_version", (long) keyVersion);
    c.put("table", table);
    c.put("column", column);
    c.put("normalizer", normalizer.name());
    c.put("bits", (long) bits);
    c.put("plaintext", plaintext);
    c.put("normalized", normalized);
    c.put("expect", mac.token(key, keyVersion, normalized));
    return c;
  }

  private static Map<String, Object> find(List<Map<String, Object>> vectors, String id) {
    return vectors.stream().filter(v -> v.get("id").equals(id)).findFirst().orElseThrow();
  }

  private static Result decode(Path vectors) throws IOException, InterruptedException {
    Path root = DocRegions.repositoryRoot();
    return run(List.of("python3", root.resolve(DECODER).toString(), vectors.toString()));
  }

  /** Runs the decoder with {@code args}. */
  static Result runDecoder(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", DocRegions.repositoryRoot().resolve(DECODER).toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("colseal-python", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
