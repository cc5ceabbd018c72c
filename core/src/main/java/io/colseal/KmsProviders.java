package io.colseal;

import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;

import io.colseal.ColsealConfig;
import io.colseal.exception.ColsealConfigException;
import io.colseal.ColsealSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link KmsProvider} that a configuration names. */
public final class KmsProviders {
  private KmsProviders() {}

  /** The provider object given in {@code config}, or one built by the factory it names. */
  public static KmsProvider create(ColsealConfig config) {
    if (config.kmsProvider().isPresent()) {
      return config.kmsProvider().get();
    }
    String name =
        config.kmsProviderName().orElseThrow(() ->
            new ColsealConfigException(ColsealSettings.KMS_PROVIDER
                + " is not set; use 'local' (a PKCS12 keystore) or 'aws-kms' (module io.colseal:kms-aws)"));
    List<String> known = new ArrayList<>();
    for (KmsProviderFactory f : ServiceLoader.load(KmsProviderFactory.class, KmsProviders.class.getClassLoader())) {
      if (f.name().equals(name)) {
        return f.create(config);
      }
      known.add(f.name());
    }
    String hint = name.equals("aws-kms") ? "; add the dependency io.colseal:kms-aws" : "";
    throw new ColsealConfigException(
        ColsealSettings.KMS_PROVIDER + "='" + name + "' names no provider on the classpath (found " + known + ")" + hint);
  }
}
