package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.cli.testing.DocContract;
import io.colseal.cli.testing.DocPages;
import io.colseal.cli.testing.DocPages.Page;
import io.colseal.cli.testing.DocPages.Piece;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java the documentation shows calls methods colseal's types have. The types are found on the
 * class path (every public class of an {@code io.colseal} package but test helpers and the CLI's), so a type or method added in code is known without editing this test.
 * In {@code ```java} blocks and inline code spans it checks {@code Type.method(} (nested types
 * too: {@code ColsealConfig.Builder.keyCacheTtl(}), {@code variable.method(} for a variable declared
 * with a colseal type in the block or named after one ({@code colseal}, {@code keyAdmin}), and
 * chained calls as far as the return types are colseal types; a call that writes out its arguments
 * passes as many as some overload takes.
 */
class ApiClaimsDocsTest {
  private static final Map<String, List<Class<?>>> TYPES = publicTypes();
  private static final Pattern JAVA = Pattern.compile("java");
  private static final Pattern DECLARATION = Pattern.compile(
      "\\b([A-Z]\\w*(?:\\.[A-Z]\\w*)*)\\s*(?:<[^;=(){}]*>)?\\s+([a-z]\\w*)\\s*(?=[=;,)])");
  private static final Pattern CALL_START = Pattern.compile("(?<![\\w.@])([A-Za-z]\\w*(?:\\.[A-Z]\\w*)*)\\s*\\.\\s*([a-z]\\w*)\\s*\\(");

  @Test
  void colsealTypesAreFound() {
    for (String name : List.of("Colseal", "ColsealConfig", "ColumnCipher")) {
      assertTrue(TYPES.containsKey(name), "the class path scan found no " + name + ": " + TYPES.keySet());
    }
  }

  @Test
  void everyColsealMethodShown_exists() {
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      for (Piece block : DocPages.blocks(page, JAVA)) {
        check(block, variables(block.text()), problems);
      }
      for (Piece span : DocPages.codeSpans(page)) {
        check(span, Map.of(), problems);
        checkReference(span, problems);
      }
    }
    assertTrue(problems.isEmpty(), "the docs call methods colseal's types do not have:\n" + String.join("\n", problems));
  }

  /**
   * A table row that starts with a package ({@code | `io.colseal.keys` | `KeyRing`, `KeyVersion` ... |})
   * names types of that package: each {@code `TypeName`} in the row is a class there.
   */
  @Test
  void everyTypeListedUnderAPackage_isInThatPackage() {
    Pattern row = Pattern.compile("^\\|\\s*`(io\\.colseal(?:\\.[a-z0-9]+)*)`\\s*\\|(.*)$", Pattern.MULTILINE);
    Pattern type = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      String prose = page.prose();
      for (Matcher r = row.matcher(prose); r.find(); ) {
        for (Matcher t = type.matcher(r.group(2)); t.find(); ) {
          String name = r.group(1) + "." + t.group(1);
          try {
            Class.forName(name, false, ApiClaimsDocsTest.class.getClassLoader());
          } catch (ClassNotFoundException e) {
            problems.add(page.at(page.lineAt(r.start())) + ": no class " + name);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "the docs list types a package does not have:\n" + String.join("\n", problems));
  }

  /**
   * A test the docs name as the one that keeps a rule ({@code `KmsCallHoldsNoLockTest`}, {@code
   * `ArchitectureTest.keyRing_callsOneWay`}) exists in the repository, with that method.
   */
  @Test
  void everyTestNamed_exists() throws IOException {
    Path root = DocContract.docs().toAbsolutePath().normalize().getParent();
    Map<String, List<String>> tests = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().replace('\\', '/').contains("/src/test/java/") && p.toString().endsWith(".java")
              && !p.toString().contains("/target/"))
          .forEach(p -> tests.computeIfAbsent(p.getFileName().toString().replaceAll("\\.java$", ""),
              k -> new ArrayList<>()).add(read(p)));
    }
    Pattern named = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([a-z][A-Za-z0-9_]*))?`");
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      for (Matcher m = named.matcher(page.prose()); m.find(); ) {
        List<String> sources = tests.get(m.group(1));
        String at = page.at(page.lineAt(m.start()));
        if (sources == null) {
          problems.add(at + ": no test class " + m.group(1));
        } else if (m.group(2) != null && sources.stream().noneMatch(src -> src.contains(" " + m.group(2) + "("))) {
          problems.add(at + ": " + m.group(1) + " has no method " + m.group(2));
        }
      }
    }
    assertTrue(problems.isEmpty(), "the docs name tests that do not exist:\n" + String.join("\n", problems));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code @Encrypted(deterministic = true)}, {@code @BlindIndex(normalizer = Normalizer.LOWER_TRIM)}:
   * each attribute written is an element of the colseal annotation, and an enum constant given to it
   * is one of that enum's constants.
   */
  @Test
  void everyAnnotationAttributeShown_exists() {
    Pattern annotation = Pattern.compile("@([A-Z]\\w*)\\(([^()]*)\\)");
    Pattern attribute = Pattern.compile("(\\w+)\\s*=\\s*([\\w.]+)?");
    List<String> problems = new ArrayList<>();
    for (Page page : DocPages.all()) {
      List<Piece> pieces = new ArrayList<>(DocPages.blocks(page, JAVA));
      pieces.addAll(DocPages.codeSpans(page));
      for (Piece piece : pieces) {
        for (Matcher a = annotation.matcher(piece.text()); a.find(); ) {
          List<Class<?>> types = TYPES.getOrDefault(a.group(1), List.of()).stream().filter(Class::isAnnotation).toList();
          if (types.isEmpty()) {
            continue;
          }
          int line = piece.line() + (int) piece.text().substring(0, a.start()).chars().filter(c -> c == '\n').count();
          for (Matcher at = attribute.matcher(a.group(2)); at.find(); ) {
            List<Method> elements = methods(types, at.group(1));
            if (elements.isEmpty()) {
              problems.add(piece.page().at(line) + ": @" + a.group(1) + " has no element " + at.group(1));
              continue;
            }
            Class<?> kind = elements.get(0).getReturnType();
            String value = at.group(2);
            if (kind.isEnum() && value != null && value.matches("(\\w+\\.)?[A-Z][A-Z0-9_]*")) {
              String constant = value.substring(value.lastIndexOf('.') + 1);
              boolean exists = Arrays.stream(kind.getEnumConstants()).anyMatch(e -> ((Enum<?>) e).name().equals(constant));
              if (!exists) {
                problems.add(piece.page().at(line) + ": @" + a.group(1) + "(" + at.group(1) + " = ...): " + kind.getName()
                    + " has no constant " + constant);
              }
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "the docs use annotation elements colseal does not have:\n"
        + String.join("\n", problems));
  }

  /** A span that is only {@code Type.member} or {@code Type#member}: a method or a public field of it. */
  private static void checkReference(Piece span, List<String> problems) {
    Matcher m = Pattern.compile("([A-Z]\\w*(?:\\.[A-Z]\\w*)*)[.#]([a-z]\\w*)").matcher(span.text());
    if (!m.matches()) {
      return;
    }
    List<Class<?>> types = resolve(m.group(1));
    if (types.isEmpty() || !methods(types, m.group(2)).isEmpty()) {
      return;
    }
    for (Class<?> t : types) {
      if (Arrays.stream(t.getFields()).anyMatch(f -> f.getName().equals(m.group(2)))) {
        return;
      }
    }
    problems.add(span.at() + ": " + span.text() + ": " + types.stream().map(Class::getName).toList()
        + " has no public method or field " + m.group(2));
  }

  /** Variables a block declares with a colseal type: {@code ColumnCipher<String, String> email = ...}. */
  private static Map<String, List<Class<?>>> variables(String code) {
    Map<String, List<Class<?>>> out = new HashMap<>();
    Matcher m = DECLARATION.matcher(code);
    while (m.find()) {
      List<Class<?>> types = resolve(m.group(1));
      if (!types.isEmpty()) {
        out.put(m.group(2), types);
      }
    }
    return out;
  }

  private static void check(Piece piece, Map<String, List<Class<?>>> variables, List<String> problems) {
    String code = piece.text();
    Matcher m = CALL_START.matcher(code);
    int from = 0;
    while (from < code.length() && m.find(from)) {
      String receiver = m.group(1);
      List<Class<?>> types = variables.get(receiver);
      if (types == null) {
        types = Character.isUpperCase(receiver.charAt(0)) ? resolve(receiver) : byConvention(receiver);
      }
      from = m.end(1);
      if (types.isEmpty()) {
        continue;
      }
      int pos = m.start(2);
      String method = m.group(2);
      String name = receiver;
      while (true) {
        List<Method> found = methods(types, method);
        int line = piece.line() + (int) code.substring(0, pos).chars().filter(c -> c == '\n').count();
        if (found.isEmpty()) {
          problems.add(piece.page().at(line) + ": " + name + "." + method + "(...): "
              + types.stream().map(Class::getName).toList() + " has no public method " + method);
          break;
        }
        int open = code.indexOf('(', pos);
        int close = closing(code, open);
        int arguments = close < 0 ? -1 : arguments(code.substring(open + 1, close));
        if (arguments >= 0 && found.stream().noneMatch(f -> f.getParameterCount() == arguments
            || (f.isVarArgs() && arguments >= f.getParameterCount() - 1))) {
          problems.add(piece.page().at(line) + ": " + name + "." + method + "(...) with " + arguments + " arguments: "
              + types.stream().map(Class::getName).toList() + "." + method + " takes "
              + found.stream().map(f -> String.valueOf(f.getParameterCount())).distinct().toList());
          break;
        }
        Matcher next = Pattern.compile("\\G\\s*\\.\\s*([a-z]\\w*)\\s*\\(").matcher(code);
        if (close < 0 || !next.find(close + 1)) {
          break;
        }
        types = returnTypes(found);
        if (types.isEmpty()) {
          break;
        }
        name = name + "." + method + "(…)";
        method = next.group(1);
        pos = next.start(1);
      }
    }
  }

  /** How many arguments a call's text passes; -1 when it elides them ("...", "…"). */
  private static int arguments(String args) {
    if (args.contains("...") || args.contains("…")) {
      return -1;
    }
    if (args.isBlank()) {
      return 0;
    }
    int count = 1;
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (c == '"' && (i == 0 || args.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '<' || c == '{' || c == '[')) {
        depth++;
      } else if (!quoted && (c == ')' || (c == '>' && (i == 0 || args.charAt(i - 1) != '-')) || c == '}' || c == ']')) {
        depth--;
      } else if (!quoted && c == ',' && depth == 0) {
        count++;
      }
    }
    return count;
  }

  private static int closing(String code, int open) {
    int depth = 0;
    boolean quoted = false;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' && (i == 0 || code.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static List<Method> methods(List<Class<?>> types, String name) {
    List<Method> out = new ArrayList<>();
    for (Class<?> t : types) {
      List<Method> candidates = new ArrayList<>(Arrays.asList(t.getMethods()));
      if (!Modifier.isPublic(t.getModifiers())) { // an internal class the docs describe: its own methods count
        for (Class<?> c = t; c != null; c = c.getSuperclass()) {
          candidates.addAll(Arrays.asList(c.getDeclaredMethods()));
        }
      }
      for (Method m : candidates) {
        if (m.getName().equals(name)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** The colseal types the methods return, when they all return the same one. */
  private static List<Class<?>> returnTypes(List<Method> methods) {
    Set<Class<?>> returned = new LinkedHashSet<>();
    methods.forEach(m -> returned.add(m.getReturnType()));
    if (returned.size() != 1) {
      return List.of();
    }
    Class<?> r = returned.iterator().next();
    return isColseal(r) ? List.of(r) : List.of();
  }

  /** {@code colseal} stands for a {@code Colseal}, {@code keyAdmin} for a {@code KeyAdmin}. */
  private static List<Class<?>> byConvention(String variable) {
    return TYPES.getOrDefault(Character.toUpperCase(variable.charAt(0)) + variable.substring(1), List.of());
  }

  /** {@code ColsealConfig} or {@code ColsealConfig.Builder}: the colseal types of that simple name. */
  private static List<Class<?>> resolve(String dotted) {
    String[] parts = dotted.split("\\.");
    List<Class<?>> current = TYPES.getOrDefault(parts[0], List.of());
    for (int i = 1; i < parts.length && !current.isEmpty(); i++) {
      List<Class<?>> next = new ArrayList<>();
      for (Class<?> c : current) {
        for (Class<?> nested : c.getClasses()) {
          if (nested.getSimpleName().equals(parts[i])) {
            next.add(nested);
          }
        }
      }
      current = next;
    }
    return current;
  }

  /** A public type of colseal's API, or one nested in such a type ({@code ColsealConfig.Builder}). */
  private static boolean isColseal(Class<?> c) {
    Class<?> top = c;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return TYPES.getOrDefault(top.getSimpleName(), List.of()).contains(top);
  }

  /** Public top-level and nested types of io.colseal's API packages on the class path, by simple name. */
  private static Map<String, List<Class<?>>> publicTypes() {
    Map<String, List<Class<?>>> out = new TreeMap<>();
    for (String className : classNames()) {
      // internals too: a page that names DataKeys.encryptionKey(table) must name a method that exists
      if (className.contains(".testing.") || className.startsWith("io.colseal.cli")
          || className.startsWith("io.colseal.benchmarks") || className.endsWith("Test") || className.endsWith("IT")
          || className.endsWith("package-info") || className.endsWith("module-info")) {
        continue;
      }
      Class<?> c;
      try {
        c = Class.forName(className, false, ApiClaimsDocsTest.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        continue;
      }
      if ((Modifier.isPublic(c.getModifiers()) || className.contains(".internal.")) && !c.isAnonymousClass()
          && !c.isSynthetic()) {
        out.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }

  private static Set<String> classNames() {
    Set<String> out = new LinkedHashSet<>();
    try {
      Enumeration<URL> roots = ApiClaimsDocsTest.class.getClassLoader().getResources("io/colseal");
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if (url.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false); // a JarFile of our own, not the class loader's shared one
          try (JarFile jar = connection.getJarFile()) {
            jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/colseal/") && n.endsWith(".class"))
                .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.').replace('$', '.')));
          }
        } else if (url.getProtocol().equals("file")) {
          Path dir = Path.of(url.toURI());
          Path base = dir.getParent().getParent();
          try (Stream<Path> files = Files.walk(dir)) {
            files.map(p -> base.relativize(p).toString().replace('\\', '/')).filter(n -> n.endsWith(".class"))
                .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.').replace('$', '.')));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    // nested classes are reached through their enclosing class (Class.getClasses), not by name
    out.removeIf(n -> Arrays.stream(n.split("\\.")).anyMatch(part -> !part.isEmpty()
        && Character.isUpperCase(part.charAt(0)) && n.indexOf(part) + part.length() < n.length()));
    out.removeIf(n -> n.toLowerCase(Locale.ROOT).equals(n));
    return out;
  }
}
