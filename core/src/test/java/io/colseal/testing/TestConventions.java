package io.colseal.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks that keep a module's tests honest; each module runs them from a test of its own. */
public final class TestConventions {
  private TestConventions() {}

  /**
   * Every test method that takes a {@link TestDatabase.Kind} or a {@link TestDatabase} is an
   * {@link EachDatabase} test, so it runs on every database or says why not. Scans the compiled test
   * classes beside {@code anchor}.
   */
  public static void assertDatabaseTestsRunOnEachDatabase(Class<?> anchor) {
    List<String> violations = new ArrayList<>();
    for (Class<?> c : testClasses(anchor)) {
      for (Method m : c.getDeclaredMethods()) {
        boolean takesDatabase = Stream.of(m.getParameterTypes())
            .anyMatch(t -> t == TestDatabase.Kind.class || t == TestDatabase.class);
        boolean test = Stream.of(m.getAnnotations()).anyMatch(a -> a.annotationType().getName().startsWith("org.junit"));
        if (takesDatabase && test && !m.isAnnotationPresent(EachDatabase.class)) {
          violations.add(c.getName() + "." + m.getName());
        }
      }
    }
    assertTrue(violations.isEmpty(), "test methods that take a database but are not @EachDatabase: " + violations);
  }

  private static List<Class<?>> testClasses(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          out.add(Class.forName(name, false, anchor.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          // a class this module's tests cannot load is not one of its tests
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
