package io.colseal.kms;

import io.colseal.config.Setting;
import io.colseal.config.Settings;
import java.util.List;

/**
 * Creates a {@link KmsProvider} from configuration. Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.colseal.kms.KmsProviderFactory}, or {@code
 * provides} in a {@code module-info}) and selected by {@link #name()} from {@link
 * KmsSettings#PROVIDER}.
 *
 * <p>A factory declares the settings of its provider in {@link #settings()}: colseal then accepts
 * them in every place it reads settings (code, properties, system properties, environment
 * variables, the {@code colseal} command), parses and checks them before {@link #create} is called,
 * masks the secret ones, and rejects misspelled names with the nearest known one.
 */
public interface KmsProviderFactory {
  /** The value of {@code colseal.kms.provider} that selects this factory. */
  String name();

  /**
   * The settings this provider reads, beyond {@link KmsSettings#PROVIDER} and {@link
   * KmsSettings#KEK_ID}; by convention named {@code colseal.kms.<provider>.*}.
   */
  default List<Setting<?>> settings() {
    return List.of();
  }

  /**
   * Builds the provider. {@code settings} holds every source already merged and parsed, so {@link
   * Settings#find} returns typed, range-checked values.
   *
   * @throws io.colseal.exception.ColsealConfigException if a setting is missing or unusable
   */
  KmsProvider create(Settings settings);

  /**
   * The asymmetric key {@code keyId} of this provider, to sign reports with and check their
   * signatures ({@code colseal audit --sign-with}, {@code colseal audit verify}). The default: this
   * provider cannot sign.
   *
   * @throws io.colseal.exception.ColsealConfigException if this provider cannot sign, or {@code keyId}
   *     is not a signing key it supports
   * @throws io.colseal.exception.KmsException if the KMS refuses or cannot be reached
   */
  default SigningKey signingKey(Settings settings, String keyId) {
    throw new io.colseal.exception.ColsealConfigException("the KEK provider " + name() + " cannot sign reports");
  }
}
