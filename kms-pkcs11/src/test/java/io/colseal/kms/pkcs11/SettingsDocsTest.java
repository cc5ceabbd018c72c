package io.colseal.kms.pkcs11;

import io.colseal.config.Setting;
import io.colseal.testing.SettingDocs;
import org.junit.jupiter.api.Test;

/** The pkcs11 provider's settings each have a reference page that says what the code declares. */
class SettingsDocsTest {
  @Test
  void everySetting_hasAPageWithItsEnvironmentVariableAndDefault() {
    for (Setting<?> s : new Pkcs11KmsProviderFactory().settings()) {
      SettingDocs.assertDocumented(s);
    }
  }
}
