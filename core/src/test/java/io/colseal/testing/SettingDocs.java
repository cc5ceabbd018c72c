package io.colseal.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Checks that a setting's reference page says what its {@link Setting} declares. */
public final class SettingDocs {
  private SettingDocs() {}

  public static Path configurationPages() {
    return DocRegions.repositoryRoot().resolve("docs").resolve("reference").resolve("configuration");
  }

  /**
   * The page {@code docs/reference/configuration/<name>.md} exists, names the environment variable
   * and the system property, and its {@code default} row shows the declared default.
   */
  public static void assertDocumented(Setting<?> setting) {
    Path page = configurationPages().resolve(setting.name() + ".md");
    assertTrue(Files.isRegularFile(page), "no page " + page);
    String text;
    try {
      text = Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(text.contains("`" + setting.environmentVariable() + "`"), page + " does not name "
        + setting.environmentVariable());
    assertTrue(text.contains("`-D" + setting.name() + "=...`"), page + " does not show -D" + setting.name());
    String defaultRow = text.lines().filter(l -> l.startsWith("| default |")).findFirst().orElse("");
    String expected = setting.defaultValue().map(SettingDocs::shown).orElse(null);
    if (expected == null) {
      assertTrue(defaultRow.startsWith("| default | none") || defaultRow.startsWith("| default | the "),
          page + " gives a default for a setting that has none: " + defaultRow);
    } else {
      assertTrue(defaultRow.contains("`" + expected + "`"), page + " should give the default `" + expected + "`: "
          + defaultRow);
    }
  }

  private static String shown(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value instanceof Duration d) {
      return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays())) ? "P" + d.toDays() + "D" : d.toString();
    }
    return value.toString();
  }
}
