package io.colseal.hibernate;

import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Starts colseal for a SessionFactory that maps encrypted columns: checks the boot model, then,
 * once the SessionFactory exists, checks the runtime model, starts the key ring and binds every
 * converter to it. A SessionFactory without encrypted columns is left untouched and needs no
 * colseal settings. Found by Hibernate through {@link java.util.ServiceLoader}.
 */
public final class ColsealIntegrator implements Integrator {
  @Override
  public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
    List<EncryptingConverter<?, ?>> converters = BootModelScan.scan(metadata);
    List<BlindIndexConverter> indexes = BlindIndexScan.scan(metadata);
    if (converters.isEmpty() && indexes.isEmpty()) {
      return;
    }
    sessionFactory.addObserver(new ColsealSessionFactoryObserver(sessionFactory, converters, indexes));
  }

  @Override
  public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    ColsealHibernate.stop(sessionFactory);
  }
}
