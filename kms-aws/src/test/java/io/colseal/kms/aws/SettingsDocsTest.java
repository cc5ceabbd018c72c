package io.colseal.kms.aws;

import io.colseal.config.Setting;
import io.colseal.testing.SettingDocs;
import org.junit.jupiter.api.Test;

/** The aws-kms provider's settings each have a reference page that says what the code declares. */
class SettingsDocsTest {
  @Test
  void everySetting_hasAPageWithItsEnvironmentVariableAndDefault() {
    for (Setting<?> s : new AwsKmsProviderFactory().settings()) {
      SettingDocs.assertDocumented(s);
    }
  }
}
