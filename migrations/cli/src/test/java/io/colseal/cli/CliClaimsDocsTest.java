package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.cli.internal.Terminal;
import io.colseal.exception.ErrorCode;
import io.colseal.cli.testing.DocContract;
import io.colseal.cli.testing.DocPages;
import io.colseal.cli.testing.DocPages.CodeLine;
import io.colseal.cli.testing.DocPages.Page;
import io.colseal.cli.testing.DocPages.Piece;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command lines the documentation shows are ones {@code colseal} accepts, read from picocli's own
 * model of {@link ColsealCommand}: every subcommand named exists, every {@code --option} written
 * with a command (in a code block, an inline code span, or a sentence or table row that names one
 * command, or on that command's reference page) is an option of it, and each page of {@code
 * docs/reference/cli/} lists every option its command has. Nothing is listed here by hand, so a
 * command or option added in code is checked as soon as it exists.
 */
class CliClaimsDocsTest {
  private static final CommandLine ROOT = new CommandLine(new ColsealCommand(Map.of(),
      new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()),
      Terminal.none()));
  /** Where a command line starts: {@code colseal}, {@code bin/colseal}, {@code java -jar .../colseal.jar}. */
  private static final Pattern INVOCATION = Pattern.compile(
      "(?:^|(?<=[\\s$]))(?:\\./)?(?:bin/colseal|colseal(?=\\s)|java(?:\\s+-\\S+)*\\s+-jar\\s+\\S*colseal\\.jar)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
  /**
   * Code spans starting with the word colseal that are not command lines: the fixed ASCII texts of
   * the key check value and the blind index, which the format reference spells out byte for byte.
   */
  private static final Set<String> NOT_COMMANDS = Set.of("colseal key check value v1", "colseal blind index v1");

  /** A command line found in the docs: where, the deepest command its words reached, and its options. */
  private record Invocation(String at, List<String> path, CommandLine command, List<String> options,
      String unknownCommand) {}

  @Test
  void everyCommandLineShown_namesCommandsAndOptionsThatExist() {
    List<String> problems = new ArrayList<>();
    for (Invocation inv : invocations()) {
      if (inv.unknownCommand() != null) {
        problems.add(inv.at() + ": colseal " + String.join(" ", inv.path()) + " has no command '"
            + inv.unknownCommand() + "' (has: " + inv.command().getSubcommands().keySet() + ")");
      }
      for (String o : inv.options()) {
        if (!has(inv.command(), o)) {
          problems.add(inv.at() + ": " + display(inv) + " has no option " + o);
        }
      }
    }
    assertTrue(problems.isEmpty(), "command lines in the docs that colseal would reject:\n"
        + String.join("\n", problems));
  }

  /**
   * A bare {@code --option} in a sentence or table row belongs to the command named last before it in
   * that sentence, else to the command of the reference page it is on; it must be an option of that
   * command. Any other bare option in a sentence that speaks of colseal must be an option of some
   * command (sentences about {@code pg_dump} or the benchmarks' launcher are not colseal's).
   */
  @Test
  void everyOptionInProse_isAnOptionOfItsCommand() {
    List<String> problems = new ArrayList<>();
    Pattern speaksOfColseal = Pattern.compile("\\bcolseal\\b(?![_.])");
    for (Page page : DocPages.all()) {
      CommandLine pageCommand = pageCommand(page);
      for (Piece sentence : DocPages.sentences(page)) {
        CommandLine last = null;
        for (Piece span : spans(sentence)) {
          Invocation inv = parse(span.at(), span.text());
          if (inv != null) {
            last = inv.command();
            continue;
          }
          Matcher m = OPTION.matcher(span.text());
          if (!m.lookingAt()) {
            continue;
          }
          String o = m.group();
          CommandLine owner = last != null ? last : pageCommand;
          if (owner != null && owner.getSubcommands().isEmpty()) {
            if (!has(owner, o)) {
              problems.add(sentence.at() + ": " + path(owner) + " has no option " + o);
            }
          } else if ((owner != null || speaksOfColseal.matcher(sentence.text()).find()) && !anyHas(ROOT, o)) {
            problems.add(sentence.at() + ": no colseal command has an option " + o);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "options in the docs that the command does not have:\n"
        + String.join("\n", problems));
  }

  /** Each command has its page under docs/reference/cli/, listing each option it has; the README the global ones. */
  @Test
  void everyCommand_hasAPageListingEveryOption() throws Exception {
    List<String> problems = new ArrayList<>();
    for (CommandLine c : leaves(ROOT, new ArrayList<>())) {
      String file = String.join("-", pathWords(c)) + ".md";
      var page = DocContract.docs().resolve("reference/cli").resolve(file);
      if (!Files.isRegularFile(page)) {
        problems.add("docs/reference/cli/" + file + " is missing for " + path(c));
        continue;
      }
      checkListed(c, Files.readString(page), "docs/reference/cli/" + file, false, problems);
      String readme = Files.readString(DocContract.docs().resolve("reference/cli/README.md"));
      if (!readme.contains("](" + file + ")")) {
        problems.add("docs/reference/cli/README.md does not link " + file + " (" + path(c) + ")");
      }
    }
    checkListed(ROOT, Files.readString(DocContract.docs().resolve("reference/cli/README.md")),
        "docs/reference/cli/README.md", true, problems);
    assertTrue(problems.isEmpty(), "command reference pages out of step with the commands:\n"
        + String.join("\n", problems));
  }

  /**
   * An exit code written next to an error code ({@code 20 `KEY_NOT_FOUND`}, {@code `KEY_IN_USE` (exit
   * code 24)}) is that {@link ErrorCode}'s exit code.
   */
  @Test
  void everyExitCodeNextToAnErrorCode_isItsExitCode() {
    Map<String, Integer> codes = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      codes.put(c.name(), c.exitCode());
    }
    Pattern before = Pattern.compile("(?<![\\w.])(\\d+)\\s+`([A-Z][A-Z_]+)`");
    Pattern after = Pattern.compile("`([A-Z][A-Z_]+)`\\s+\\((?:exit(?: code| status)?\\s+)?(\\d+)\\)");
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      for (Piece sentence : DocPages.sentences(page)) {
        for (Matcher m = before.matcher(sentence.text()); m.find(); ) {
          check(codes, m.group(2), m.group(1), sentence, problems);
        }
        for (Matcher m = after.matcher(sentence.text()); m.find(); ) {
          check(codes, m.group(1), m.group(2), sentence, problems);
        }
      }
    }
    assertTrue(problems.isEmpty(), "exit codes in the docs that are not the error code's:\n"
        + String.join("\n", problems));
  }

  private static void check(Map<String, Integer> codes, String code, String number, Piece where, List<String> problems) {
    Integer expected = codes.get(code);
    if (expected != null && expected != Integer.parseInt(number)) {
      problems.add(where.at() + ": " + code + " is exit code " + expected + ", the docs say " + number);
    }
  }

  /**
   * In a reference page's option table, a default (in a "default" column, or "(default 200)" in the
   * row) written as a number, a {@code `literal`} or "off" is the option's initial value in the code.
   */
  @Test
  void optionDefaultsInReferencePages_areTheCodesDefaults() {
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      CommandLine command = pageCommand(page);
      if (command == null) {
        continue;
      }
      String[] lines = page.prose().split("\n", -1);
      int defaultColumn = -1;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (!line.startsWith("|")) {
          defaultColumn = -1;
          continue;
        }
        String[] cells = line.replaceAll("^\\||\\|$", "").split("(?<!\\\\)\\|", -1);
        if (defaultColumn < 0) {
          for (int c = 1; c < cells.length; c++) {
            if (cells[c].strip().equalsIgnoreCase("default")) {
              defaultColumn = c;
            }
          }
          if (defaultColumn < 0) {
            defaultColumn = Integer.MAX_VALUE; // a table without a default column
          }
          continue;
        }
        Matcher name = OPTION.matcher(cells[0].strip().replace("`", ""));
        if (!name.lookingAt()) {
          continue;
        }
        String written;
        if (defaultColumn < cells.length) {
          written = cells[defaultColumn].strip();
        } else {
          // "(default 200; ...)", "(default `en`)" in the description
          Matcher inline = Pattern.compile("\\(default:?\\s+(`[^`]+`|[\\d,]+\\b)").matcher(line);
          if (!inline.find()) {
            continue;
          }
          written = inline.group(1);
        }
        OptionSpec option = command.getCommandSpec().findOption(name.group());
        if (option == null) {
          continue; // everyOptionInProse_isAnOptionOfItsCommand reports it
        }
        String problem = compareDefault(option, written);
        if (problem != null) {
          problems.add(page.at(i + 1) + ": " + path(command) + " " + name.group() + ": " + problem);
        }
      }
    }
    assertTrue(problems.isEmpty(), "option defaults in the docs that the code does not have:\n"
        + String.join("\n", problems));
  }

  private static String compareDefault(OptionSpec option, String written) {
    Object initial = option.initialValue();
    Matcher number = Pattern.compile("^([\\d,]+)(?!\\s*[/*x])").matcher(written);
    Matcher literal = Pattern.compile("^`([^`]+)`").matcher(written);
    if (written.equalsIgnoreCase("off")) {
      return Boolean.FALSE.equals(initial) || initial == null ? null : "documented off, the code's is " + initial;
    }
    if (number.find() && initial instanceof Number n) {
      long documented = Long.parseLong(number.group(1).replace(",", ""));
      return documented == n.longValue() ? null : "documented " + documented + ", the code's is " + n;
    }
    if (literal.find() && initial instanceof Duration d) {
      try {
        return Duration.parse(literal.group(1)).equals(d) ? null : "documented " + literal.group(1) + ", the code's is " + d;
      } catch (DateTimeParseException e) {
        return "documented " + literal.group(1) + ", the code's is " + d;
      }
    }
    if (literal.find(0) && initial != null && !literal.group(1).contains("<")) {
      return literal.group(1).equals(String.valueOf(initial)) ? null
          : "documented " + literal.group(1) + ", the code's is " + initial;
    }
    return null;
  }

  private static void checkListed(CommandLine c, String text, String page, boolean global, List<String> problems) {
    for (OptionSpec o : c.getCommandSpec().options()) {
      if (o.inherited() || (!global && (o.usageHelp() || o.versionHelp()))) {
        continue;
      }
      boolean listed = false;
      for (String name : o.names()) {
        listed |= Pattern.compile("`" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find();
      }
      if (!listed) {
        problems.add(page + " does not list " + String.join(", ", o.names()) + " of " + path(c));
      }
    }
  }

  private static List<Invocation> invocations() {
    List<Invocation> out = new ArrayList<>();
    for (Page page : DocPages.all()) {
      List<CodeLine> lines = DocPages.codeLines(page);
      for (int i = 0; i < lines.size(); i++) {
        CodeLine l = lines.get(i);
        if (!l.language().matches("|sh|bash|shell|console|text")) {
          continue;
        }
        StringBuilder cmd = new StringBuilder(l.text());
        int first = l.line();
        while (cmd.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
          String s = cmd.toString().stripTrailing();
          cmd.setLength(0);
          cmd.append(s, 0, s.length() - 1).append(' ').append(lines.get(++i).text());
        }
        String text = cmd.toString().strip().replaceFirst("^\\$\\s+", "");
        Invocation inv = parse(page.at(first), text);
        if (inv != null) {
          out.add(inv);
        }
      }
      for (Piece span : DocPages.codeSpans(page)) {
        Invocation inv = parse(span.at(), span.text());
        if (inv != null) {
          out.add(inv);
        }
      }
    }
    return out;
  }

  /** The command line at the start of {@code text}, or null if it does not start with one. */
  private static Invocation parse(String at, String text) {
    Matcher start = INVOCATION.matcher(text);
    if (!start.lookingAt() || NOT_COMMANDS.contains(text.strip())) {
      return null;
    }
    String rest = text.substring(start.end()).replaceAll("\\s#.*$", "");
    String[] words = rest.strip().isEmpty() ? new String[0] : rest.strip().split("\\s+");
    CommandLine current = ROOT;
    List<String> path = new ArrayList<>();
    List<String> options = new ArrayList<>();
    String unknown = null;
    boolean positional = false;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      if (w.equals(">") || w.equals("&&") || w.equals(";") || w.startsWith(">")
          || (w.equals("|") && i + 1 < words.length && !words[i + 1].matches("[-\\[(].*"))) {
        break;
      }
      String bare = w.replaceAll("^[\\[(|]+|[\\])|.,;:]+$", "").replaceAll("\\.\\.\\.$", "");
      if (bare.startsWith("--") || bare.matches("-[A-Za-z]")) {
        String name = bare.replaceFirst("[=\\[].*$", "");
        options.add(name);
        OptionSpec spec = current.getCommandSpec().findOption(name);
        if (spec != null && spec.arity().min() > 0 && !bare.contains("=") && i + 1 < words.length) {
          i++;
        }
      } else if (!positional && bare.matches("[a-z][a-z-]*") && !current.getSubcommands().isEmpty()) {
        CommandLine sub = current.getSubcommands().get(bare);
        if (sub == null) {
          unknown = bare;
          break;
        }
        current = sub;
        path.add(bare);
      } else if (!bare.isEmpty() && !bare.equals("…")) {
        positional = true;
      }
    }
    if (path.isEmpty() && unknown == null && options.isEmpty() && words.length > 0 && !text.contains("--")) {
      return null; // "colseal" followed by a plain word that is not a command line at all
    }
    return new Invocation(at, path, current, options, unknown);
  }

  /** Code spans of a sentence, each located at the sentence's line. */
  private static List<Piece> spans(Piece sentence) {
    List<Piece> out = new ArrayList<>();
    Matcher m = Pattern.compile("(`+)(?!`)(.+?)(?<!`)\\1(?!`)").matcher(sentence.text());
    while (m.find()) {
      out.add(new Piece(sentence.page(), sentence.line(), m.group(2).strip()));
    }
    return out;
  }

  /** The command a reference page documents: docs/reference/cli/keys-rotate.md is 'keys rotate', README the root. */
  private static CommandLine pageCommand(Page page) {
    Matcher m = Pattern.compile("^docs/reference/cli/(.+)\\.md$").matcher(page.name());
    if (!m.matches()) {
      return null;
    }
    if (m.group(1).equals("README")) {
      return ROOT;
    }
    for (CommandLine c : leaves(ROOT, new ArrayList<>())) {
      if (String.join("-", pathWords(c)).equals(m.group(1))) {
        return c;
      }
    }
    return null;
  }

  /** Commands that run: those without subcommands, and those with options of their own ({@code audit}). */
  private static List<CommandLine> leaves(CommandLine c, List<CommandLine> out) {
    if (c.getSubcommands().isEmpty() || c.getParent() != null && c.getCommandSpec().options().stream()
        .anyMatch(o -> !o.inherited() && !o.usageHelp() && !o.versionHelp())) {
      out.add(c);
    }
    Map<String, CommandLine> unique = new LinkedHashMap<>();
    c.getSubcommands().forEach((name, sub) -> unique.putIfAbsent(sub.getCommandName(), sub));
    unique.values().forEach(sub -> leaves(sub, out));
    return out;
  }

  private static List<String> pathWords(CommandLine c) {
    List<String> words = new ArrayList<>();
    for (CommandLine p = c; p.getParent() != null; p = p.getParent()) {
      words.add(0, p.getCommandName());
    }
    return words;
  }

  private static String path(CommandLine c) {
    List<String> words = pathWords(c);
    words.add(0, "colseal");
    return String.join(" ", words);
  }

  private static String display(Invocation inv) {
    return path(inv.command());
  }

  private static boolean has(CommandLine c, String option) {
    CommandSpec spec = c.getCommandSpec();
    return spec.findOption(option) != null && spec.findOption(option).names().length > 0
        && java.util.Arrays.asList(spec.findOption(option).names()).contains(option);
  }

  private static boolean anyHas(CommandLine c, String option) {
    if (has(c, option)) {
      return true;
    }
    for (CommandLine sub : c.getSubcommands().values()) {
      if (anyHas(sub, option)) {
        return true;
      }
    }
    return false;
  }
}
