package io.colseal.kms;

import io.colseal.config.Setting;

/** The settings every KEK provider shares: which provider, and which KEK wraps new data keys. */
public final class KmsSettings {
  /**
   * {@code colseal.kms.provider}: the provider's {@linkplain KmsProviderFactory#name() name} ({@code
   * local}, {@code aws-kms}); a properties map may also hold a {@link KmsProvider} object under this
   * name. No default.
   */
  public static final Setting<String> PROVIDER =
      Setting.text("colseal.kms.provider", "the name of a KEK provider on the classpath, such as local or aws-kms");

  /** {@code colseal.kms.kek-id}: the KEK that wraps new data keys (a keystore alias, a KMS key id, ARN or alias). */
  public static final Setting<String> KEK_ID = Setting.text("colseal.kms.kek-id", "the id of a KEK");

  private KmsSettings() {}
}
