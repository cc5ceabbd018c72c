package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.colseal.testing.DocRegions;
import io.colseal.testing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private static final long TIMEOUT_SECONDS = 120;

  private record Result(int exitCode, String output) {}

  /** Why the decoder cannot run here, or "" when it can; probed once. */
  private static String problem;

  @BeforeEach
  void requirePython() throws InterruptedException {
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

  private static Map<String, Object> find(List<Map<String, Object>> vectors, String id) {
    return vectors.stream().filter(v -> v.get("id").equals(id)).findFirst().orElseThrow();
  }

  private static Result decode(Path vectors) throws IOException, InterruptedException {
    Path root = DocRegions.repositoryRoot();
    return run(List.of("python3", root.resolve(DECODER).toString(), vectors.toString()));
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
