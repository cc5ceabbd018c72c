package io.colseal.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Markdown pages a user reads (README.md and every {@code docs/**}{@code /*.md}), split into the
 * parts the docs tests check: fenced code blocks, inline code spans and prose sentences, each with
 * the line it starts on, so a failure names {@code page:line}.
 */
public final class DocPages {
  private static final Pattern FENCE = Pattern.compile("^\\s*```([\\w-]*)[^\\n]*\\n(.*?)^\\s*```",
      Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern SPAN = Pattern.compile("(`+)(?!`)(.+?)(?<!`)\\1(?!`)");
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?:])\\s+(?=[A-Z`\\[*(])|\\n\\s*\\n|\\n(?=\\s*[-|#*]|\\s*\\d+\\.\\s)");

  /** A page: its path relative to the repository root, and its text. */
  public record Page(String name, Path path, String text, List<Integer> lineStarts) {
    static Page of(String name, Path path, String text) {
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          starts.add(i + 1);
        }
      }
      return new Page(name, path, text, List.copyOf(starts));
    }

    /** The 1-based line of the character at {@code offset}. */
    public int lineAt(int offset) {
      int i = Collections.binarySearch(lineStarts, offset);
      return i >= 0 ? i + 1 : -i - 1;
    }

    /** The text with every fenced block blanked (newlines kept), so offsets and lines still match. */
    public String prose() {
      StringBuilder out = new StringBuilder(text);
      Matcher m = FENCE.matcher(text);
      while (m.find()) {
        for (int i = m.start(); i < m.end(); i++) {
          if (out.charAt(i) != '\n') {
            out.setCharAt(i, ' ');
          }
        }
      }
      return out.toString();
    }

    /** Where this is reported: {@code docs/guides/x.md:12}. */
    public String at(int line) {
      return name + ":" + line;
    }
  }

  /** One line of a fenced code block, with the block's language ({@code ""} when none is given). */
  public record CodeLine(Page page, int line, String language, String text) {}

  /** A piece of text of a page starting at {@code line}: a code span, a sentence or a whole block. */
  public record Piece(Page page, int line, String text) {
    public String at() {
      return page.at(line);
    }
  }

  private DocPages() {}

  /** README.md and every page under docs/, sorted. */
  public static List<Page> all() {
    Path docs = DocContract.docs();
    Path root = docs.toAbsolutePath().normalize().getParent();
    List<Path> paths = new ArrayList<>();
    paths.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.walk(docs)) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(paths::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Page> out = new ArrayList<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      out.add(Page.of(root.relativize(abs).toString().replace('\\', '/'), abs, read(abs)));
    }
    return out;
  }

  /** The fenced code blocks of a page, each as one piece starting at its first line. */
  public static List<Piece> blocks(Page page, Pattern language) {
    List<Piece> out = new ArrayList<>();
    Matcher m = FENCE.matcher(page.text());
    while (m.find()) {
      if (language.matcher(m.group(1)).matches()) {
        out.add(new Piece(page, page.lineAt(m.start(2)), m.group(2)));
      }
    }
    return out;
  }

  /** Every line of every fenced code block of a page. */
  public static List<CodeLine> codeLines(Page page) {
    List<CodeLine> out = new ArrayList<>();
    Matcher m = FENCE.matcher(page.text());
    while (m.find()) {
      int line = page.lineAt(m.start(2));
      for (String l : m.group(2).split("\n", -1)) {
        out.add(new CodeLine(page, line++, m.group(1), l));
      }
    }
    return out;
  }

  /** The inline code spans of the prose (outside fenced blocks), without their backticks. */
  public static List<Piece> codeSpans(Page page) {
    String prose = page.prose();
    List<Piece> out = new ArrayList<>();
    Matcher m = SPAN.matcher(prose);
    while (m.find()) {
      if (!m.group(2).contains("\n")) {
        out.add(new Piece(page, page.lineAt(m.start()), m.group(2).strip()));
      }
    }
    return out;
  }

  /** The prose of a page cut into sentences; a table row, list item or heading counts as one. */
  public static List<Piece> sentences(Page page) {
    String prose = page.prose();
    List<Piece> out = new ArrayList<>();
    Matcher m = SENTENCE_END.matcher(prose);
    int start = 0;
    while (m.find()) {
      add(out, page, prose, start, m.start());
      start = m.end();
    }
    add(out, page, prose, start, prose.length());
    return out;
  }

  private static void add(List<Piece> out, Page page, String prose, int start, int end) {
    String s = prose.substring(start, end);
    if (!s.isBlank()) {
      int lead = s.length() - s.stripLeading().length();
      out.add(new Piece(page, page.lineAt(start + lead), s.strip()));
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
