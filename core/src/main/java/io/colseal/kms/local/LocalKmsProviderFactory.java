package io.colseal.kms.local;

import io.colseal.config.Setting;
import io.colseal.config.Settings;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.KmsSettings;
import io.colseal.kms.SigningKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code colseal.kms.provider=local}: a KEK in a PKCS12 keystore ({@link LocalKeystoreKms}). */
public final class LocalKmsProviderFactory implements KmsProviderFactory {
  /** {@code colseal.kms.local.keystore}: path of the PKCS12 keystore holding the KEK. */
  public static final Setting<Path> KEYSTORE =
      Setting.of("colseal.kms.local.keystore", Path.class, null, "a file path", s -> Path.of(s.trim()));

  /** {@code colseal.kms.local.keystore-password}: the keystore's password, used exactly as given. */
  public static final Setting<String> KEYSTORE_PASSWORD = Setting.secret("colseal.kms.local.keystore-password");

  /** {@code colseal.kms.local.create-if-missing}: create the keystore and KEK when absent (development). */
  public static final Setting<Boolean> CREATE_IF_MISSING = Setting.flag("colseal.kms.local.create-if-missing", false);

  /** For {@link java.util.ServiceLoader}. */
  public LocalKmsProviderFactory() {}

  @Override
  public String name() {
    return LocalKeystoreKms.NAME;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(KEYSTORE, KEYSTORE_PASSWORD, CREATE_IF_MISSING);
  }

  /**
   * The EC P-256 private-key entry {@code keyId} of the keystore ({@link LocalSigningKey}), opened
   * with the keystore's password.
   */
  @Override
  public SigningKey signingKey(Settings settings, String keyId) {
    Path keystore = settings.require(KEYSTORE, "path of the PKCS12 keystore");
    char[] password = settings.require(KEYSTORE_PASSWORD, "password of the keystore").toCharArray();
    try {
      return LocalSigningKey.open(keystore, password, keyId);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public KmsProvider create(Settings settings) {
    Path keystore = settings.require(KEYSTORE, "path of the PKCS12 keystore");
    String alias = settings.require(KmsSettings.KEK_ID, "alias of the KEK in the keystore");
    char[] password = settings.require(KEYSTORE_PASSWORD, "password of the keystore").toCharArray();
    try {
      return LocalKeystoreKms.open(keystore, password, alias, settings.require(CREATE_IF_MISSING, "whether to create"));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
