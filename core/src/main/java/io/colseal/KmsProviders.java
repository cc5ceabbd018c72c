package io.colseal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@link KmsProvider} that a configuration names. */
final class KmsProviders {
  private KmsProviders() {}

  /** The provider object given in {@code config}, or one built by the factory it names. */
  static KmsProvider create(ColsealConfig config) {
    if (config.kmsProvider().isPresent()) {
      return config.kmsProvider().get();
    }
    String name = config.kmsProviderName().orElseThrow(() ->
        new ColsealConfigException(ColsealSettings.KMS_PROVIDER.name()
            + " is not set; use 'local' (a PKCS12 keystore) or 'aws-kms' (module io.colseal:colseal-kms-aws)"));
    List<String> known = new ArrayList<>();
    for (KmsProviderFactory f : ColsealSettings.providerFactories()) {
      if (f.name().equals(name)) {
        return f.create(config);
      }
      known.add(f.name());
    }
    String hint = name.equals("aws-kms") ? "; add the dependency io.colseal:colseal-kms-aws" : "";
    throw new ColsealConfigException(ColsealSettings.KMS_PROVIDER.name() + "='" + name
        + "' names no provider on the class path (found " + known + ")" + hint);
  }
}
