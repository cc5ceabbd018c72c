package io.colseal.hibernate;

import java.util.Map;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.service.spi.SessionFactoryServiceContributor;
import org.hibernate.service.spi.SessionFactoryServiceRegistryBuilder;

/**
 * colseal's contributions to Hibernate's service registries, found by ServiceLoader. The first
 * thing colseal runs in a bootstrap, so it is also where an unsupported Hibernate line is refused
 * ({@link HibernateLine#current()}).
 *
 * <ul>
 *   <li>to the standard registry, {@link SearchableSqmTranslatorFactory} as {@code
 *       hibernate.query.sqm.translator}, unless the application set its own. Hibernate reads this
 *       setting before it knows the mapping, so the factory starts passive and translates exactly
 *       like Hibernate's own; {@link ColsealIntegrator} activates it only in a SessionFactory that
 *       maps an encrypted attribute;
 *   <li>to the standard registry, {@link CheckingHqlTranslator} as {@code
 *       hibernate.query.hql.translator}, unless the application set its own: Hibernate's HQL parser,
 *       plus colseal's query checks once colseal has started in the SessionFactory, so that a query
 *       colseal rejects fails where it is created;
 *   <li>to each SessionFactory's registry, an empty {@link HibernateRuntime} that holds colseal's
 *       state for that SessionFactory once it starts.
 * </ul>
 */
public final class ColsealServiceContributor implements ServiceContributor, SessionFactoryServiceContributor {
  /** Created by Hibernate, through {@link java.util.ServiceLoader}; applications never need to. */
  public ColsealServiceContributor() {}

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    HibernateLine.current(); // an unsupported Hibernate stops here, before any mapping or key work
    Map<String, Object> settings = builder.getSettings();
    if (!settings.containsKey(QuerySettings.SEMANTIC_QUERY_TRANSLATOR)) {
      builder.applySetting(QuerySettings.SEMANTIC_QUERY_TRANSLATOR, SearchableSqmTranslatorFactory.class.getName());
    }
    if (!settings.containsKey(QuerySettings.SEMANTIC_QUERY_PRODUCER)) {
      builder.applySetting(QuerySettings.SEMANTIC_QUERY_PRODUCER, CheckingHqlTranslator.class.getName());
    }
  }

  @Override
  public void contribute(SessionFactoryServiceRegistryBuilder builder) {
    builder.addService(HibernateRuntime.class, new HibernateRuntime());
  }

  /** The queries colseal refused in {@code sessionFactory}. */
  static QueryRejections rejections(SessionFactoryImplementor sessionFactory) {
    return runtime(sessionFactory.getServiceRegistry()).rejections();
  }

  /** colseal's state in the SessionFactory whose service registry is {@code registry}. */
  static HibernateRuntime runtime(ServiceRegistryImplementor registry) {
    HibernateRuntime r = registry.getService(HibernateRuntime.class);
    if (r == null) {
      throw new IllegalStateException("colseal's services are not registered in this SessionFactory: is"
          + " META-INF/services/org.hibernate.service.spi.SessionFactoryServiceContributor on the class path?");
    }
    return r;
  }
}
