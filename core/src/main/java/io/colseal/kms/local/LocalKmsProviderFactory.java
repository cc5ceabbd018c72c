package io.colseal.kms.local;

import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code colseal.kms.provider=local}. */
public final class LocalKmsProviderFactory implements KmsProviderFactory {
  @Override
  public String name() {
    return LocalKeystoreKms.NAME;
  }

  @Override
  public KmsProvider create(ColsealConfig config) {
    Path keystore = Path.of(config.requireSetting(ColsealSettings.LOCAL_KEYSTORE, "path of the PKCS12 keystore"));
    String alias = config.requireSetting(ColsealSettings.KEK_ID, "alias of the KEK in the keystore");
    // Not trimmed: spaces are legal in a keystore password.
    config.requireSetting(ColsealSettings.LOCAL_KEYSTORE_PASSWORD, "password of the keystore");
    char[] password = config.setting(ColsealSettings.LOCAL_KEYSTORE_PASSWORD).orElseThrow().toCharArray();
    boolean create =
        config.setting(ColsealSettings.LOCAL_CREATE_IF_MISSING).map(s -> s.trim().equalsIgnoreCase("true")).orElse(false);
    try {
      return LocalKeystoreKms.open(keystore, password, alias, create);
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
