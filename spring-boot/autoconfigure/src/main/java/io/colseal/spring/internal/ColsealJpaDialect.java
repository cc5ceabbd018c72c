package io.colseal.spring.internal;

import io.colseal.spring.ColsealExceptionTranslator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.ConnectionHandle;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;

/**
 * The JPA dialect the {@code JpaTransactionManager} translates commit-time errors with: colseal's
 * errors first ({@link ColsealExceptionTranslator}), then the dialect Boot configured. It is a
 * {@link HibernateJpaDialect}, as code that checks for one expects, and forwards every operation to
 * the configured dialect (its connection-preparation settings included).
 */
final class ColsealJpaDialect extends HibernateJpaDialect {
  private static final long serialVersionUID = 1L;

  private final JpaDialect delegate;

  ColsealJpaDialect(@Nullable JpaDialect delegate) {
    this.delegate = delegate != null ? delegate : new HibernateJpaDialect();
  }

  @Override
  public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition)
      throws PersistenceException, SQLException {
    return delegate.beginTransaction(entityManager, definition);
  }

  @Override
  public Object prepareTransaction(EntityManager entityManager, boolean readOnly, @Nullable String name)
      throws PersistenceException {
    return delegate.prepareTransaction(entityManager, readOnly, name);
  }

  @Override
  public void cleanupTransaction(@Nullable Object transactionData) {
    delegate.cleanupTransaction(transactionData);
  }

  @Override
  public @Nullable ConnectionHandle getJdbcConnection(EntityManager entityManager, boolean readOnly)
      throws PersistenceException, SQLException {
    return delegate.getJdbcConnection(entityManager, readOnly);
  }

  @Override
  public void releaseJdbcConnection(ConnectionHandle conHandle, EntityManager em)
      throws PersistenceException, SQLException {
    delegate.releaseJdbcConnection(conHandle, em);
  }

  @Override
  public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
    DataAccessException colseal = ColsealExceptionTranslator.translate(ex);
    return colseal != null ? colseal : delegate.translateExceptionIfPossible(ex);
  }
}
