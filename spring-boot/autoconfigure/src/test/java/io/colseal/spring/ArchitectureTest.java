package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.colseal.testing.ModuleRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One jar for Boot 3 and Boot 4: each type that exists on one line only is used by one class made
 * for that line (named {@code Boot3*} or {@code Boot4*}), which the auto-configuration creates only
 * when the type is present. The API package never reaches into the internals, nor core's.
 */
class ArchitectureTest {
  /** Packages of one Boot line, and the prefix of the class names allowed to use them. */
  private static final Map<String, String> LINE_ONLY = Map.of(
      "org.springframework.boot.actuate.", "Boot3",
      "org.springframework.boot.autoconfigure.flyway.", "Boot3",
      "org.springframework.boot.autoconfigure.orm.", "Boot3",
      "org.springframework.boot.health.", "Boot4",
      "org.springframework.boot.flyway.", "Boot4",
      "org.springframework.boot.hibernate.", "Boot4",
      "org.springframework.boot.jpa.", "Boot4");

  private static final JavaClasses CLASSES = ModuleRules.mainClasses(ColsealExceptionTranslator.class);

  @Test
  void lineOnlyTypes_areUsedOnlyByThatLinesClasses() {
    List<String> problems = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getName();
        LINE_ONLY.forEach((prefix, line) -> {
          if (target.startsWith(prefix) && !c.getSimpleName().startsWith(line)) {
            problems.add(c.getName() + " uses " + target);
          }
        });
      }
    }
    assertTrue(problems.isEmpty(), "types of one Boot line outside that line's classes:\n" + String.join("\n", problems));
  }

  @Test
  void api_usesNoInternals() {
    List<String> problems = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      if (!c.getPackageName().equals("io.colseal.spring")) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (target.startsWith("io.colseal.spring.internal") || target.startsWith("io.colseal.internal")) {
          problems.add(c.getName() + " uses " + d.getTargetClass().getName());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void usesNoCoreInternals() {
    ModuleRules.assertNoDependencyOn(ColsealExceptionTranslator.class, "io.colseal.internal.");
  }
}
