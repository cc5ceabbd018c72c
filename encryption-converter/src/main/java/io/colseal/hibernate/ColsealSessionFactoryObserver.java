package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jspecify.annotations.Nullable;

/** Runs colseal's start-up when the SessionFactory is complete, and its shutdown when it closes. */
final class ColsealSessionFactoryObserver implements SessionFactoryObserver {
  private final SessionFactoryImplementor sessionFactory;
  private final List<EncryptingConverter<?, ?>> converters;
  private final List<BlindIndexConverter> indexes;
  private final @Nullable RowBoundAttributes rowBound;
  private volatile @Nullable HibernateRuntime runtime;

  ColsealSessionFactoryObserver(SessionFactoryImplementor sessionFactory, List<EncryptingConverter<?, ?>> converters,
      List<BlindIndexConverter> indexes, @Nullable RowBoundAttributes rowBound) {
    this.sessionFactory = sessionFactory;
    this.converters = converters;
    this.indexes = indexes;
    this.rowBound = rowBound;
  }

  @Override
  public void sessionFactoryCreated(SessionFactory factory) {
    RuntimeModelCheck.verify(sessionFactory, converters);
    if (rowBound != null) {
      rowBound.verify();
    }
    BlindIndexScan.bindSqlNames(sessionFactory);
    HibernateRuntime started = ColsealHibernate.start(sessionFactory, converters, indexes);
    runtime = started;
    try {
      requireSearchableTranslator();
      QueryCheck.checkNamedQueries(sessionFactory);
      if (sessionFactory.getSessionFactoryOptions().getCustomHqlTranslator() instanceof CheckingHqlTranslator t) {
        t.startChecking();
      }
    } catch (RuntimeException e) {
      started.stop();
      throw e;
    }
  }

  /**
   * Equality on a deterministic column must see every live key version, and a parameter compared
   * with a blind index must be bound as its index; only colseal's translator does that. An
   * application that set {@code hibernate.query.sqm.translator} itself would find rows under the
   * ACTIVE version only after a rotation, and could send a plaintext where an index belongs, so it is
   * stopped here instead.
   */
  private void requireSearchableTranslator() {
    if (sessionFactory.getQueryEngine().getSqmTranslatorFactory() instanceof SearchableSqmTranslatorFactory f
        && f.isActive()) {
      return;
    }
    for (EncryptingConverter<?, ?> c : converters) {
      if (c.cipher().mode() == EncryptionMode.DETERMINISTIC) {
        throw new ColsealMappingException(SearchableSqmTranslator.describe(c) + " is deterministic, but"
            + " hibernate.query.sqm.translator is set to another translator; colseal's "
            + SearchableSqmTranslatorFactory.class.getName() + " is needed so that equality queries find rows under"
            + " every key version. Remove the setting, or map the column without deterministic = true");
      }
    }
    for (BlindIndexConverter index : indexes) {
      throw new ColsealMappingException(SearchableSqmTranslator.describe(index) + " is a blind index, but"
          + " hibernate.query.sqm.translator is set to another translator; colseal's "
          + SearchableSqmTranslatorFactory.class.getName() + " is needed so that a query parameter compared with it is"
          + " bound as its index, never as the plaintext. Remove the setting");
    }
  }

  @Override
  public void sessionFactoryClosed(SessionFactory factory) {
    HibernateRuntime r = runtime;
    if (r != null) {
      r.stop();
    }
  }
}
