package io.colseal.cli.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealSettings;
import io.colseal.cli.testing.DocPages;
import io.colseal.cli.testing.DocPages.Page;
import io.colseal.cli.testing.DocPages.Piece;
import io.colseal.config.Setting;
import io.colseal.testing.SettingDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code colseal.*} setting the documentation names is one the code knows (colseal's own, every
 * KEK provider's on this class path, the CLI's {@code colseal.jdbc.*}), and every default the
 * documentation gives for one, on its page, in a table or in a sentence, is the code's default.
 * Everything is derived from {@link ColsealSettings#all()}, so a setting added in code is checked
 * without touching this test.
 */
class SettingClaimsDocsTest {
  /** A setting name as written: not part of a Java package, a URL, a file name or a {@code ${...}}. */
  private static final Pattern MENTION = Pattern.compile(
      "(?<![\\w$/{-])(?<!io\\.)colseal(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+(?:\\.\\*)?(?![\\w(-])");
  private static final Pattern FILE_NAME = Pattern.compile(".*\\.(jar|p12|md|json|properties|html|csv|py)$");
  /** The misspelling the docs quote to show the "did you mean" message. */
  private static final Pattern QUOTED_UNKNOWN = Pattern.compile("unknown setting '$");
  private static final String VALUE = "(`[^`]+`|\\(?P[0-9A-Z]+\\)?|\\d+(?:\\s*[x×]\\s*\\d+)?\\s+"
      + "(?:second|minute|hour|day)s?|2\\^\\d+|true|false)";
  /** "(default 5 minutes)", ", default `PT5M`", ": colseal's default (PT5M)", "(5 minutes by default)". */
  private static final List<Pattern> DEFAULT_CLAIMS = List.of(
      Pattern.compile("^`?\\)?:?\\s*[(,]?\\s*(?:colseal's\\s+)?default(?:s to|:| is| of)?\\s+" + VALUE,
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("^`?\\s*\\(\\s*" + VALUE + "\\s+by default", Pattern.CASE_INSENSITIVE));

  private static Map<String, Setting<?>> settings() {
    return ColsealSettings.all();
  }

  private static boolean known(String name) {
    return Settings.knownSettings().contains(name);
  }

  @Test
  void everySettingNamed_isASettingTheCodeKnows() {
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      Matcher m = MENTION.matcher(page.text());
      while (m.find()) {
        String name = m.group();
        String before = page.text().substring(Math.max(0, m.start() - 20), m.start());
        // a ${name} placeholder of the page's own example (a Liquibase changelog property) is not a setting
        boolean placeholder = page.text().contains("${" + name + "}");
        // a meter written with its tags, colseal.encryptions{table} (docs/reference/metrics.md), is not a setting
        boolean meter = m.end() < page.text().length() && page.text().charAt(m.end()) == '{';
        if (FILE_NAME.matcher(name).matches() || QUOTED_UNKNOWN.matcher(before).find() || placeholder || meter) {
          continue;
        }
        boolean ok = name.endsWith(".*")
            ? Settings.knownSettings().stream().anyMatch(k -> k.startsWith(name.substring(0, name.length() - 1)))
            : known(name);
        if (!ok) {
          problems.add(page.at(page.lineAt(m.start())) + ": " + name + " is not a setting");
        }
      }
    }
    assertTrue(problems.isEmpty(), "the docs name settings the code does not have (known: "
        + Settings.knownSettings() + "):\n" + String.join("\n", problems));
  }

  /**
   * Every {@code COLSEAL_*} environment variable the docs name is read by something: a setting's
   * variable, {@code COLSEAL_CONFIG}, or one that {@code bin/colseal} or the test and benchmark
   * harnesses read (found in their sources, so a new one needs no edit here).
   */
  @Test
  void everyEnvironmentVariableNamed_isRead() throws IOException {
    Set<String> read = new TreeSet<>();
    Settings.knownSettings().forEach(n -> read.add(Setting.environmentVariable(n)));
    read.add(Settings.CONFIG_VARIABLE);
    Path root = SettingDocs.configurationPages().getParent().getParent().getParent();
    Pattern variable = Pattern.compile("\\bCOLSEAL_[A-Z0-9_]*[A-Z0-9]\\b");
    List<Path> sources = new ArrayList<>(List.of(root.resolve("bin").resolve("colseal")));
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName().toString();
        return name.startsWith(".") || name.equals("target") || name.equals("docs") ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.toString().endsWith(".java")) {
          sources.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path source : sources) {
      if (Files.isRegularFile(source)) {
        String text = Files.readString(source, StandardCharsets.UTF_8);
        if (source.toString().endsWith(".java") && !text.contains("getenv") && !text.contains("environment")) {
          continue;
        }
        Matcher m = variable.matcher(text);
        while (m.find()) {
          read.add(m.group());
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      Matcher m = variable.matcher(page.text());
      while (m.find()) {
        if (!read.contains(m.group())) {
          problems.add(page.at(page.lineAt(m.start())) + ": " + m.group() + " is read by nothing");
        }
      }
    }
    assertTrue(problems.isEmpty(), "the docs name environment variables nothing reads:\n" + String.join("\n", problems));
  }

  @Test
  void everySetting_hasItsPage_andEveryPageIsASetting() throws IOException {
    for (Setting<?> s : settings().values()) {
      SettingDocs.assertDocumented(s);
    }
    List<String> problems = new ArrayList<>();
    try (var pages = Files.list(SettingDocs.configurationPages())) {
      for (Path page : pages.sorted().toList()) {
        String name = page.getFileName().toString().replaceAll("\\.md$", "");
        if (!settings().containsKey(name)) {
          problems.add("docs/reference/configuration/" + page.getFileName() + " documents no setting");
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /**
   * In a table with a "default" column, a row naming settings in its first cell gives their
   * defaults: the code's, or, for a setting without one, no value.
   */
  @Test
  void defaultsInTables_areTheCodesDefaults() {
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      String[] lines = page.prose().split("\n", -1);
      int defaultColumn = -1;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (!line.startsWith("|")) {
          defaultColumn = -1;
          continue;
        }
        List<String> cells = cells(line);
        if (defaultColumn < 0) {
          defaultColumn = indexOfDefault(cells);
          continue;
        }
        if (line.matches("\\|[-:| ]+\\|?") || cells.size() <= defaultColumn) {
          continue;
        }
        List<Setting<?>> named = settingsIn(cells.get(0));
        if (named.isEmpty()) {
          continue;
        }
        String[] values = cells.get(defaultColumn).split(",\\s*");
        if (named.size() == 1 || values.length == 1) {
          values = Collections.nCopies(named.size(), cells.get(defaultColumn)).toArray(String[]::new);
        }
        if (values.length != named.size()) {
          problems.add(page.at(i + 1) + ": " + named.size() + " settings but " + values.length + " defaults");
          continue;
        }
        for (int k = 0; k < values.length; k++) {
          String problem = checkDefault(named.get(k), values[k].strip(), true);
          if (problem != null) {
            problems.add(page.at(i + 1) + ": " + problem);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "tables give defaults the code does not have:\n" + String.join("\n", problems));
  }

  /** "{@code colseal.keys.cache-ttl} (default 5 minutes)": the default a sentence gives right after a setting. */
  @Test
  void defaultsInSentences_areTheCodesDefaults() {
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      if (page.name().startsWith("docs/reference/configuration/")) {
        continue; // the page's own default row is checked by SettingDocs
      }
      for (Piece sentence : DocPages.sentences(page)) {
        if (sentence.text().startsWith("|")) {
          continue; // tables: defaultsInTables_areTheCodesDefaults
        }
        Matcher m = MENTION.matcher(sentence.text());
        while (m.find()) {
          Setting<?> setting = settings().get(m.group());
          if (setting == null) {
            continue;
          }
          String after = sentence.text().substring(m.end()).replaceFirst("^`?\\]\\([^)]*\\)", "");
          for (Pattern p : DEFAULT_CLAIMS) {
            Matcher claim = p.matcher(after);
            if (claim.find()) {
              String problem = checkDefault(setting, claim.group(1), false);
              if (problem != null) {
                problems.add(sentence.at() + ": " + problem);
              }
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "sentences give defaults the code does not have:\n" + String.join("\n", problems));
  }

  private static List<String> cells(String row) {
    String r = row.strip();
    r = r.substring(1, r.endsWith("|") && r.length() > 1 ? r.length() - 1 : r.length());
    List<String> out = new ArrayList<>();
    for (String c : r.split("(?<!\\\\)\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static int indexOfDefault(List<String> header) {
    for (int i = 1; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).replace("*", "").strip().equals("default")) {
        return i;
      }
    }
    return -1;
  }

  /** The settings a first cell names, in order; "…keystore-password" continues the previous name's prefix. */
  private static List<Setting<?>> settingsIn(String cell) {
    List<Setting<?>> out = new ArrayList<>();
    Matcher m = Pattern.compile("`(colseal\\.[a-z0-9.-]+|…[a-z0-9.-]+)`").matcher(cell);
    String prefix = "";
    while (m.find()) {
      String name = m.group(1);
      if (name.startsWith("…")) {
        name = prefix + name.substring(1);
      } else {
        prefix = name.substring(0, name.lastIndexOf('.') + 1);
      }
      Setting<?> s = settings().get(name);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Null when {@code written} states the default of {@code setting}, else what is wrong. */
  private static String checkDefault(Setting<?> setting, String written, boolean inTable) {
    Optional<?> expected = setting.defaultValue();
    String w = written.strip();
    if (expected.isEmpty()) {
      boolean givesValue = w.startsWith("`") || w.matches("(?i)\\d.*|true|false");
      return givesValue ? setting.name() + " has no default, the docs give " + w : null;
    }
    Object documented = parseDocumented(setting, w);
    if (documented == null) {
      return inTable ? setting.name() + ": default should be `" + setting.shown(expected.get()) + "`, the docs give "
          + w : null;
    }
    return Objects.equals(documented, expected.get()) ? null
        : setting.name() + ": the docs give the default " + w + ", the code's is " + setting.shown(expected.get());
  }

  private static Object parseDocumented(Setting<?> setting, String w) {
    Matcher literal = Pattern.compile("^`([^`]+)`|^\\(?(P[0-9A-Z]+)\\)?$").matcher(w);
    if (literal.find()) {
      try {
        return setting.parse(literal.group(1) != null ? literal.group(1) : literal.group(2));
      } catch (RuntimeException e) {
        return w;
      }
    }
    Matcher human = Pattern.compile("^(\\d+)(?:\\s*[x×]\\s*(\\d+))?\\s+(second|minute|hour|day)s?\\b").matcher(w);
    if (human.find()) {
      long n = Long.parseLong(human.group(1)) * (human.group(2) == null ? 1 : Long.parseLong(human.group(2)));
      return switch (human.group(3)) {
        case "second" -> Duration.ofSeconds(n);
        case "minute" -> Duration.ofMinutes(n);
        case "hour" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    Matcher power = Pattern.compile("^2\\^(\\d+)").matcher(w);
    if (power.find()) {
      return 1L << Integer.parseInt(power.group(1));
    }
    if (w.matches("(?i)(true|false)\\b.*")) {
      return Boolean.parseBoolean(w.replaceAll("(?i)^(true|false).*", "$1"));
    }
    return null;
  }
}
