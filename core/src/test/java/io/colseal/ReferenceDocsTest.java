package io.colseal;

import io.colseal.exception.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.DocRegions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference pages list every setting and every error code the code defines. */
class ReferenceDocsTest {
  private static final Path REFERENCE = DocRegions.repositoryRoot().resolve("docs").resolve("reference");

  static List<String> settings() throws IllegalAccessException {
    List<String> out = new ArrayList<>();
    for (Field f : ColsealSettings.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    return out;
  }

  @Test
  void everySetting_hasAPageNamingItsEnvironmentVariable() throws Exception {
    String precedence = Files.readString(REFERENCE.resolve("configuration-precedence.md"), StandardCharsets.UTF_8);
    for (String setting : settings()) {
      Path page = REFERENCE.resolve("configuration").resolve(setting + ".md");
      assertTrue(Files.isRegularFile(page), "no page " + page);
      String text = Files.readString(page, StandardCharsets.UTF_8);
      String env = ColsealSettings.environmentName(setting);
      assertTrue(text.contains("`" + env + "`"), page + " does not name " + env);
      assertTrue(text.contains("`-D" + setting + "=...`"), page + " does not show -D" + setting);
      assertTrue(precedence.contains("`" + env + "`"), "configuration-precedence.md does not list " + setting);
    }
  }

  @Test
  void everyErrorCode_isListedWithItsExitCode() throws IOException {
    String text = Files.readString(REFERENCE.resolve("exit-codes.md"), StandardCharsets.UTF_8);
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(text.contains("| `" + code.name() + "` | " + code.exitCode() + " |"),
          "exit-codes.md lacks " + code + " = " + code.exitCode());
    }
  }
}
