package io.colseal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.config.Setting;
import io.colseal.exception.ErrorCode;
import io.colseal.kms.local.LocalKmsProviderFactory;
import io.colseal.testing.DocRegions;
import io.colseal.testing.SettingDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference pages list every setting and every error code the code defines. */
class ReferenceDocsTest {
  private static final Path REFERENCE = DocRegions.repositoryRoot().resolve("docs").resolve("reference");

  /** colseal's own settings and the local provider's; colseal-kms-aws and colseal-kms-pkcs11 check their own. */
  static List<Setting<?>> settings() {
    List<Setting<?>> out = new ArrayList<>(ColsealSettings.core());
    out.addAll(new LocalKmsProviderFactory().settings());
    return out;
  }

  @Test
  void everySetting_hasAPageWithItsEnvironmentVariableAndDefault() throws Exception {
    String precedence = Files.readString(REFERENCE.resolve("configuration-precedence.md"), StandardCharsets.UTF_8);
    for (Setting<?> setting : settings()) {
      SettingDocs.assertDocumented(setting);
      assertTrue(precedence.contains("`" + setting.environmentVariable() + "`"),
          "configuration-precedence.md does not list " + setting);
    }
  }

  @Test
  void everyPage_isASetting() throws IOException {
    try (var pages = Files.list(SettingDocs.configurationPages())) {
      for (Path page : pages.toList()) {
        String name = page.getFileName().toString().replaceAll("\\.md$", "");
        if (!name.startsWith("colseal.kms.aws.") && !name.startsWith("colseal.kms.pkcs11.")) {
          // colseal-kms-aws and colseal-kms-pkcs11 check their own pages
          assertTrue(ColsealSettings.find(name).isPresent(), page + " documents no setting");
        }
      }
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
