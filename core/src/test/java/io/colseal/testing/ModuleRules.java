package io.colseal.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Architecture checks shared by the library modules' tests: what a module exports, whether its
 * packages depend on each other in cycles, and which packages it may not use at all. They read the
 * compiled main classes of the module, as jdeps would.
 */
public final class ModuleRules {
  private ModuleRules() {}

  /** The directory of compiled main classes holding {@code mainClass}. */
  public static Path classesOf(Class<?> mainClass) {
    try {
      return Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The module descriptor compiled into the module of {@code mainClass}. */
  public static ModuleDescriptor descriptor(Class<?> mainClass) {
    Path info = classesOf(mainClass).resolve("module-info.class");
    try (InputStream in = Files.newInputStream(info)) {
      return ModuleDescriptor.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("no module-info.class beside " + mainClass, e);
    }
  }

  /**
   * The module exports exactly {@code expected}, to everyone, and no package with {@code internal}
   * in its name.
   */
  public static void assertExportsExactly(Class<?> mainClass, Set<String> expected) {
    ModuleDescriptor d = descriptor(mainClass);
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      assertTrue(e.targets().isEmpty(), d.name() + " exports " + e.source() + " to some modules only: " + e.targets());
      exported.add(e.source());
    }
    assertEquals(new TreeSet<>(expected), exported, d.name() + " exports");
    assertTrue(exported.stream().noneMatch(p -> p.contains(".internal")), d.name() + " exports an internal package");
  }

  /** The main classes of the module holding {@code mainClass}. */
  public static JavaClasses mainClasses(Class<?> mainClass) {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(classesOf(mainClass));
  }

  /** Package of {@code root} or below → the colseal packages it depends on. */
  public static Map<String, Set<String>> packageDependencies(JavaClasses classes, String root) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = c.getPackageName();
      if (!inside(from, root)) {
        continue;
      }
      Set<String> targets = out.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = d.getTargetClass().getPackageName();
        if (inside(to, root) && !to.equals(from)) {
          targets.add(to);
        }
      }
    }
    return out;
  }

  private static boolean inside(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }

  /** No two packages under {@code root} depend on each other, directly or through others. */
  public static void assertPackagesAcyclic(Class<?> mainClass, String root) {
    Map<String, Set<String>> graph = packageDependencies(mainClasses(mainClass), root);
    List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
    assertTrue(cycles.isEmpty(), "package cycles: " + cycles + "; dependencies: " + describe(graph, cycles));
  }

  private static String describe(Map<String, Set<String>> graph, List<List<String>> cycles) {
    Set<String> inCycle = cycles.stream().flatMap(List::stream).collect(Collectors.toSet());
    return graph.entrySet().stream().filter(e -> inCycle.contains(e.getKey()))
        .map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining("; "));
  }

  /** Tarjan's strongly connected components. */
  private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, graph, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      out.add(component);
    }
  }

  /** No main class of the module depends on a class in one of {@code packagePrefixes}. */
  public static void assertNoDependencyOn(Class<?> mainClass, String... packagePrefixes) {
    List<String> found = new ArrayList<>();
    for (JavaClass c : mainClasses(mainClass)) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getName();
        for (String p : packagePrefixes) {
          if (target.startsWith(p)) {
            found.add(c.getName() + " -> " + target);
          }
        }
      }
    }
    assertTrue(found.isEmpty(), "forbidden dependencies: " + found);
  }
}
