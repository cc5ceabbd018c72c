package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import java.util.List;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Starts colseal for a SessionFactory that maps encrypted columns: checks the boot model, turns on
 * colseal's query translation, then, once the SessionFactory exists, checks the runtime model,
 * starts the key ring and binds every converter to it. A SessionFactory without encrypted or
 * blind-index columns is left untouched: it needs no colseal settings and runs Hibernate's own
 * query translator. Found by Hibernate through {@link java.util.ServiceLoader}.
 */
public final class ColsealIntegrator implements Integrator {
  /** Created by Hibernate, through {@link java.util.ServiceLoader}; applications never need to. */
  public ColsealIntegrator() {}

  @Override
  public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
    if (sessionFactory.getSessionFactoryOptions().getCustomHqlTranslator() instanceof CheckingHqlTranslator t) {
      t.bind(sessionFactory); // it parses every query of this SessionFactory, checked or not
    }
    List<EncryptingConverter<?, ?>> converters = BootModelScan.scan(metadata);
    List<BlindIndexConverter> indexes = BlindIndexScan.scan(metadata);
    if (converters.isEmpty() && indexes.isEmpty()) {
      return;
    }
    // Integrators run before the SessionFactory builds its query engine, so no query is translated yet.
    if (sessionFactory.getSessionFactoryOptions().getCustomSqmTranslatorFactory() instanceof SearchableSqmTranslatorFactory f) {
      f.activate(ColsealServiceContributor.rejections(sessionFactory));
    }
    List<EncryptingConverter<?, ?>> rowBound = converters.stream()
        .filter(c -> c.binding() != null && c.binding().mode() == EncryptionMode.ROW_BOUND).toList();
    RowBoundAttributes rows = null;
    if (!rowBound.isEmpty()) {
      rows = new RowBoundAttributes(sessionFactory, rowBound);
      EventListenerRegistry events = sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
      events.appendListeners(EventType.PRE_INSERT, rows);
      events.appendListeners(EventType.PRE_UPDATE, rows);
      events.appendListeners(EventType.POST_INSERT, rows);
      events.appendListeners(EventType.POST_UPDATE, rows);
      events.appendListeners(EventType.PRE_LOAD, rows);
    }
    sessionFactory.addObserver(new ColsealSessionFactoryObserver(sessionFactory, converters, indexes, rows));
  }

  /** Nothing to do: {@link ColsealSessionFactoryObserver} stops colseal when the SessionFactory closes. */
  @Override
  public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {}
}
