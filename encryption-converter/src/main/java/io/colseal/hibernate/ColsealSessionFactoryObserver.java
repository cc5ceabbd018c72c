package io.colseal.hibernate;

import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Runs colseal's start-up when the SessionFactory is complete, and its shutdown when it closes. */
final class ColsealSessionFactoryObserver implements SessionFactoryObserver {
  private final SessionFactoryImplementor sessionFactory;
  private final List<EncryptingConverter<?, ?>> converters;
  private final List<BlindIndexConverter> indexes;

  ColsealSessionFactoryObserver(SessionFactoryImplementor sessionFactory, List<EncryptingConverter<?, ?>> converters,
      List<BlindIndexConverter> indexes) {
    this.sessionFactory = sessionFactory;
    this.converters = converters;
    this.indexes = indexes;
  }

  @Override
  public void sessionFactoryCreated(SessionFactory factory) {
    RuntimeModelCheck.verify(sessionFactory, converters);
    BlindIndexScan.bindSqlNames(sessionFactory);
    ColsealHibernate.start(sessionFactory, converters, indexes);
  }

  @Override
  public void sessionFactoryClosed(SessionFactory factory) {
    ColsealHibernate.stop(sessionFactory);
  }
}
