package io.colseal.hibernate;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Installs {@link SearchableSqmTranslatorFactory} as Hibernate's query translator, so equality on
 * a deterministic column finds rows under every live key version. An application that configures
 * {@code hibernate.query.sqm.translator} itself keeps its own; colseal then refuses to start if a
 * deterministic column is mapped (see {@link ColsealSessionFactoryObserver}). Found by
 * ServiceLoader.
 */
public final class ColsealServiceContributor implements ServiceContributor {
  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    if (!builder.getSettings().containsKey(QuerySettings.SEMANTIC_QUERY_TRANSLATOR)) {
      builder.applySetting(QuerySettings.SEMANTIC_QUERY_TRANSLATOR, SearchableSqmTranslatorFactory.class.getName());
    }
  }
}
