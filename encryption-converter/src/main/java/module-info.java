/**
 * {@code @Encrypted} and {@code @BlindIndex} for Hibernate ORM 6.6, 7.2 and 7.4, on colseal's core.
 * Exports {@code io.colseal.hibernate}; Hibernate instantiates colseal's binders, generator and
 * query translator reflectively, so the package is also open to it. hibernate-models (7.x) and
 * classmate (6.6, 7.2) are reached reflectively, through the running Hibernate, and not required.
 */
module io.colseal.hibernate {
  requires transitive io.colseal.core;
  requires transitive jakarta.persistence;
  requires transitive org.hibernate.orm.core;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static org.checkerframework.checker.qual;

  exports io.colseal.hibernate;
  opens io.colseal.hibernate to org.hibernate.orm.core;

  provides org.hibernate.boot.spi.MetadataBuilderInitializer with io.colseal.hibernate.ColsealMetadataBuilderInitializer;
  provides org.hibernate.integrator.spi.Integrator with io.colseal.hibernate.ColsealIntegrator;
  provides org.hibernate.service.spi.ServiceContributor with io.colseal.hibernate.ColsealServiceContributor;
  provides org.hibernate.service.spi.SessionFactoryServiceContributor with io.colseal.hibernate.ColsealServiceContributor;
}
