package io.colseal.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the test code that asks {@link TestDatabase} for a database, and checks that it runs on
 * every database ({@link EachDatabase}) or says why it runs on one ({@link OneDatabase}).
 */
final class DatabaseCallers {
  private DatabaseCallers() {}

  /**
   * @throws IllegalStateException when the nearest test method or lifecycle method on the stack is
   *     neither {@code @EachDatabase} nor {@code @OneDatabase}, nor in a {@code @OneDatabase} class
   */
  static void requireDeclared(TestDatabase.Kind kind) {
    List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(s -> s.toList());
    for (StackWalker.StackFrame f : frames) {
      Class<?> c = f.getDeclaringClass();
      if (c == EachDatabaseExtension.class || c.getEnclosingClass() == EachDatabaseExtension.class) {
        return; // an @EachDatabase run's TestDatabase parameter
      }
      Optional<Method> junit = junitMethod(c, methodName(f.getMethodName()));
      if (junit.isEmpty()) {
        continue;
      }
      Method m = junit.get();
      if (m.isAnnotationPresent(EachDatabase.class) || m.isAnnotationPresent(OneDatabase.class)
          || declaredOnClass(c)) {
        return;
      }
      throw new IllegalStateException(c.getName() + "." + m.getName() + " creates a " + kind
          + " database only: make it @EachDatabase, or say why it runs on one database with"
          + " @OneDatabase(because = \"...\") on the method or its class");
    }
    throw new IllegalStateException("a " + kind + " database created outside any test method or lifecycle method");
  }

  /** {@code lambda$name$0} is code of the method {@code name}. */
  private static String methodName(String frameName) {
    if (frameName.startsWith("lambda$")) {
      int end = frameName.indexOf('$', "lambda$".length());
      return end < 0 ? frameName : frameName.substring("lambda$".length(), end);
    }
    return frameName;
  }

  private static Optional<Method> junitMethod(Class<?> c, String name) {
    return Arrays.stream(c.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && !Modifier.isAbstract(m.getModifiers()))
        .filter(m -> m.isAnnotationPresent(EachDatabase.class) || m.isAnnotationPresent(OneDatabase.class)
            || Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getName().startsWith("org.junit.")))
        .findFirst();
  }

  private static boolean declaredOnClass(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (k.isAnnotationPresent(OneDatabase.class)) {
        return true;
      }
    }
    return false;
  }
}
