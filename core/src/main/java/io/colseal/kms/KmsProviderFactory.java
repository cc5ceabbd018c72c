package io.colseal.kms;

import io.colseal.ColsealConfig;

/**
 * Creates a {@link KmsProvider} from configuration. Implementations are found with {@link
 * java.util.ServiceLoader} under {@code META-INF/services/io.colseal.kms.KmsProviderFactory} and
 * selected by {@link #name()} from the setting {@code colseal.kms.provider}.
 */
public interface KmsProviderFactory {
  /** The value of {@code colseal.kms.provider} that selects this factory. */
  String name();

  /** Builds the provider; a missing or bad setting raises {@link io.colseal.exception.ColsealConfigException}. */
  KmsProvider create(ColsealConfig config);
}
