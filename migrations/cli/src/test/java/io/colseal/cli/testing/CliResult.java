package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Exit status, stdout and stderr of one colseal run. */
public record CliResult(int exit, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** stdout as exactly one JSON document. */
  public JsonNode json() {
    try (var parser = JSON.createParser(out)) {
      JsonNode node = JSON.readTree(parser);
      assertTrue(parser.nextToken() == null, "more than one JSON document on stdout:\n" + out);
      return node;
    } catch (IOException e) {
      throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\nstdout:\n" + out + "\nstderr:\n" + err, e);
    }
  }

  /** stdout as JSON lines: one JSON object per line, nothing else. */
  public java.util.List<JsonNode> jsonLines() {
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : this.out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JSON.readTree(line);
        assertTrue(node.isObject(), "not a JSON object: " + line);
        out.add(node);
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line + "\nstderr:\n" + err, e);
      }
    }
    return out;
  }

  /** Asserts success (0, as documented) and returns this. */
  public CliResult ok() {
    assertEquals(0, exit, "exit status; stderr:\n" + err + "\nstdout:\n" + out);
    return this;
  }

  /** Asserts failure with {@code code}: stderr names it and the status is the documented one. */
  public CliResult failed(String code) {
    assertEquals(code, errorCode(), "stderr should name " + code + ":\n" + err);
    assertEquals(DocContract.exitCode(code), exit, "exit status of " + code + "; stderr:\n" + err);
    return this;
  }

  /** The code of the error line {@code colseal: CODE: message} on stderr, or null if there is none. */
  public String errorCode() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^colseal: ([A-Z_]+): ").matcher(err);
    return m.find() ? m.group(1) : null;
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
