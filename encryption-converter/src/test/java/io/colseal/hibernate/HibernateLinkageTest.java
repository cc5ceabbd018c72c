package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.colseal.testing.ModuleRules;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every Hibernate (and JPA, classmate) constructor, method and field colseal-hibernate's compiled
 * classes use exists, not private, with the same parameter and return types, in the Hibernate this
 * test runs on:
 * the JVM would otherwise fail with {@code NoSuchMethodError} where the code runs, which the rest of
 * the suite reaches only if a test takes that branch. It runs on each supported line (the
 * hibernate-lines modules). The one exception is by design: {@code HibernateLine.Line7}, loaded on
 * 7.x only, uses what 6.6 lacks.
 */
class HibernateLinkageTest {
  private static final List<String> CHECKED = List.of("org.hibernate.", "jakarta.persistence.", "com.fasterxml.classmate.");

  @Test
  void everyHibernateMemberUsed_existsOnThisHibernate() throws IOException {
    boolean line7 = !HibernateLine.current().line().equals("6.6");
    Set<String> missing = new TreeSet<>();
    int checked = 0;
    for (JavaClass c : mainClasses()) {
      if (!line7 && c.getName().equals(HibernateLine.class.getName() + "$Line7")) {
        continue;
      }
      for (JavaAccess<?> access : c.getAccessesFromSelf()) {
        AccessTarget target = access.getTarget();
        String owner = target.getOwner().getName();
        if (CHECKED.stream().noneMatch(owner::startsWith)) {
          continue;
        }
        checked++;
        if (!exists(access)) {
          missing.add(c.getSimpleName() + " uses " + target.getFullName() + " : "
              + (access instanceof JavaFieldAccess f ? f.getTarget().getRawType().getName()
              : target instanceof AccessTarget.CodeUnitAccessTarget u ? u.getRawReturnType().getName() : ""));
        }
      }
    }
    assertTrue(checked > 100, "only " + checked + " Hibernate accesses found: the import read the wrong classes");
    assertTrue(missing.isEmpty(), "not in Hibernate " + HibernateLine.current().version() + ":\n  "
        + String.join("\n  ", missing));
  }

  /** colseal-hibernate's main classes, from its classes directory or its jar (in the hibernate-lines modules). */
  private static JavaClasses mainClasses() throws IOException {
    Path location = ModuleRules.classesOf(ColsealHibernate.class);
    ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    if (Files.isDirectory(location)) {
      return importer.importPath(location);
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      return importer.importJar(jar);
    }
  }

  /** Whether the JVM would link {@code access} against the classes on this test's class path. */
  private static boolean exists(JavaAccess<?> access) {
    AccessTarget target = access.getTarget();
    Class<?> owner;
    try {
      owner = Class.forName(target.getOwner().getName(), false, HibernateLinkageTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    if (access instanceof JavaFieldAccess f) {
      String type = f.getTarget().getRawType().getName();
      for (Class<?> k : hierarchy(owner)) {
        for (Field field : k.getDeclaredFields()) {
          if (field.getName().equals(target.getName()) && field.getType().getName().equals(type)
              && !Modifier.isPrivate(field.getModifiers())) {
            return true;
          }
        }
      }
      return false;
    }
    AccessTarget.CodeUnitAccessTarget unit = (AccessTarget.CodeUnitAccessTarget) target;
    List<String> parameters = unit.getRawParameterTypes().stream().map(JavaClass::getName).toList();
    if (target.getName().equals("<init>")) {
      for (Constructor<?> c : owner.getDeclaredConstructors()) {
        if (names(c.getParameterTypes()).equals(parameters) && !Modifier.isPrivate(c.getModifiers())) {
          return true;
        }
      }
      return false;
    }
    String returns = unit.getRawReturnType().getName();
    for (Class<?> k : hierarchy(owner)) {
      for (Method m : k.getDeclaredMethods()) {
        if (m.getName().equals(target.getName()) && names(m.getParameterTypes()).equals(parameters)
            && m.getReturnType().getName().equals(returns) && !Modifier.isPrivate(m.getModifiers())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> names(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getName).toList();
  }

  /** {@code type}, its superclasses and all its interfaces, as the JVM searches them. */
  private static Set<Class<?>> hierarchy(Class<?> type) {
    Set<Class<?>> out = new HashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>(List.of(type, Object.class));
    while (!queue.isEmpty()) {
      Class<?> k = queue.poll();
      if (out.add(k)) {
        if (k.getSuperclass() != null) {
          queue.add(k.getSuperclass());
        }
        queue.addAll(Arrays.asList(k.getInterfaces()));
      }
    }
    return out;
  }
}
