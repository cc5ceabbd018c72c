package io.colseal.sample;

import io.colseal.ColsealSettings;
import io.colseal.config.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The settings the report shows, as Spring Boot resolved them: the active profiles, {@code demo.*},
 * the data source and every {@code colseal.*} setting. Secrets show as {@code ****} and credentials
 * in URLs are masked.
 */
final class ShownSettings {
  private static final List<String> FIXED = List.of(
      "demo.customers", "demo.batch-size", "demo.data-dir",
      "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");

  private ShownSettings() {}

  static List<String> describe(ConfigurableEnvironment environment) {
    List<String> lines = new ArrayList<>();
    lines.add("profiles = " + String.join(",", environment.getActiveProfiles()));
    // Every setting colseal knows (found in any source, environment variables included) and every colseal.* name given.
    Set<String> colseal = new TreeSet<>(ColsealSettings.all().keySet());
    environment.getPropertySources().forEach(source -> {
      if (source instanceof EnumerablePropertySource<?> e) {
        for (String name : e.getPropertyNames()) {
          if (name.startsWith("colseal.")) {
            colseal.add(name);
          }
        }
      }
    });
    List<String> names = new ArrayList<>(FIXED);
    names.addAll(colseal);
    for (String name : names) {
      String value = environment.getProperty(name);
      if (value != null) {
        lines.add(name + " = " + shown(name, value));
      }
    }
    return List.copyOf(lines);
  }

  static String shown(String name, String value) {
    if (ColsealSettings.isSecret(name) || name.endsWith(".password")) {
      return value.isEmpty() ? "(empty)" : "****";
    }
    return Redaction.maskUrl(value);
  }
}
