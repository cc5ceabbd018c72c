package io.colseal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated regions of the Markdown documentation: text between {@code <!-- generated:NAME begin
 * -->} and {@code <!-- generated:NAME end -->} lines is written by a test-scope generator and
 * checked by a test, so examples in the docs cannot drift from the code.
 */
public final class DocRegions {
  private DocRegions() {}

  /**
   * The core module directory: {@code basedir} under Surefire, else the working
   * directory or its {@code core} child (for {@code exec:java} from the root).
   */
  public static Path moduleDirectory() {
    String basedir = System.getProperty("basedir");
    Path dir = Path.of(basedir != null ? basedir : ".").toAbsolutePath().normalize();
    if (basedir == null && Files.isRegularFile(dir.resolve("core").resolve("pom.xml"))) {
      dir = dir.resolve("core");
    }
    return dir;
  }

  /**
   * The repository root: the nearest ancestor of the module directory that holds {@code docs/} (the
   * parent for a top-level module, the grandparent for {@code migrations/cli}).
   */
  public static Path repositoryRoot() {
    Path module = moduleDirectory();
    for (Path p = module.getParent(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docs/ directory above " + module);
  }

  /** The current content of region {@code name} in {@code file}, without the marker lines. */
  public static String read(Path file, String name) {
    String text = readFile(file);
    int[] span = span(text, file, name);
    return text.substring(span[0], span[1]);
  }

  /** Replaces the content of region {@code name} in {@code file}. */
  public static void write(Path file, String name, String content) {
    String text = readFile(file);
    int[] span = span(text, file, name);
    String updated = text.substring(0, span[0]) + content + text.substring(span[1]);
    try {
      Files.writeString(file, updated, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] span(String text, Path file, String name) {
    String begin = "<!-- generated:" + name + " begin -->\n";
    String end = "<!-- generated:" + name + " end -->";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalStateException(file + " has no region '" + name + "'");
    }
    return new int[] {b + begin.length(), e};
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
