package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the documentation promises, read from {@code docs/}: the exit-code table of {@code
 * reference/exit-codes.md}, and the {@code --json} example of each page under {@code
 * reference/cli/}.
 */
public final class DocContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXIT_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d+) \\|", Pattern.MULTILINE);
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

  private DocContract() {}

  public static Path docs() {
    String configured = System.getProperty("test.colseal.docs");
    Path p = configured != null ? Path.of(configured) : Path.of("..", "docs");
    assertTrue(Files.isDirectory(p), "no docs directory at " + p.toAbsolutePath());
    return p;
  }

  /** Code name to exit code, from the rows {@code | `NAME` | N |} of exit-codes.md. */
  public static Map<String, Integer> exitCodes() {
    Matcher m = EXIT_ROW.matcher(read(docs().resolve("reference/exit-codes.md")));
    Map<String, Integer> out = new LinkedHashMap<>();
    while (m.find()) {
      out.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return out;
  }

  /** The documented exit code of {@code code}; fails if the table has no row for it. */
  public static int exitCode(String code) {
    Integer n = exitCodes().get(code);
    if (n == null) {
      fail("docs/reference/exit-codes.md has no row for " + code);
    }
    return n;
  }

  /** The one {@code ```json} block of {@code docs/reference/cli/<page>}. */
  public static JsonNode example(String page) {
    Matcher m = JSON_BLOCK.matcher(read(docs().resolve("reference/cli").resolve(page)));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertEquals(1, blocks.size(), page + " must have exactly one ```json block");
    try {
      return JSON.readTree(blocks.get(0));
    } catch (IOException e) {
      throw new AssertionError(page + ": its ```json block does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * Asserts {@code actual} has the shape of the example of {@code page}: the same object keys at every
   * level, the same kinds of values; arrays compared by their first elements (skipped when either is
   * empty); null matches any kind, as optional fields are null in some documents only.
   */
  public static void assertMatchesExample(String page, JsonNode actual) {
    List<String> problems = new ArrayList<>();
    compare(example(page), actual, "$", problems);
    if (!problems.isEmpty()) {
      fail(page + ": output does not have the documented shape:\n  " + String.join("\n  ", problems)
          + "\noutput:\n" + actual.toPrettyString());
    }
  }

  static void compare(JsonNode expected, JsonNode actual, String path, List<String> problems) {
    if (expected.isNull() || actual.isNull()) {
      return;
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      problems.add(path + ": documented " + expected.getNodeType() + ", got " + actual.getNodeType());
      return;
    }
    if (expected.isObject()) {
      TreeSet<String> want = names(expected);
      TreeSet<String> got = names(actual);
      if (!want.equals(got)) {
        problems.add(path + ": documented keys " + want + ", got " + got);
      }
      for (String k : want) {
        if (actual.has(k)) {
          compare(expected.get(k), actual.get(k), path + "." + k, problems);
        }
      }
    } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
      compare(expected.get(0), actual.get(0), path + "[0]", problems);
    }
  }

  private static TreeSet<String> names(JsonNode object) {
    TreeSet<String> out = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
