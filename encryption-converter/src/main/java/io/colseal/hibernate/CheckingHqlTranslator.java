package io.colseal.hibernate;

import static java.util.Objects.requireNonNull;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.hql.HqlTranslator;
import org.hibernate.query.hql.internal.StandardHqlTranslator;
import org.hibernate.query.sqm.internal.SqmCreationOptionsStandard;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate's HQL parser, plus colseal's query checks on each parsed query, so that a query colseal
 * would reject fails where it is created ({@code createQuery}, and so Spring Data's validation of
 * {@code @Query} methods when a repository is created) instead of at its first execution.
 *
 * <p>Installed as {@code hibernate.query.hql.translator} by {@link ColsealServiceContributor} unless
 * the application sets its own. Hibernate makes one instance per SessionFactory; {@link
 * ColsealIntegrator} gives it its SessionFactory, and it parses exactly like Hibernate's own until
 * colseal has started in that SessionFactory ({@link ColsealSessionFactoryObserver}); a
 * SessionFactory without encrypted columns never checks. Parsed queries are cached by Hibernate, so
 * the check runs once per query string.
 */
public final class CheckingHqlTranslator implements HqlTranslator {
  /** Created by Hibernate, from {@code hibernate.query.hql.translator}; applications never need to. */
  public CheckingHqlTranslator() {}

  private volatile @Nullable SessionFactoryImplementor sessionFactory;
  private volatile @Nullable HqlTranslator standard;
  private volatile boolean checking;

  void bind(SessionFactoryImplementor sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /** Checks every query parsed from now on. */
  void startChecking() {
    checking = true;
  }

  @Override
  public <R> SqmStatement<R> translate(String hql, Class<R> expectedResultType) {
    SessionFactoryImplementor sf = requireNonNull(sessionFactory, "colseal's HQL translator was not bound to its"
        + " SessionFactory: colseal's Integrator did not run");
    SqmStatement<R> sqm = standard(sf).translate(hql, expectedResultType);
    if (checking) {
      QueryCheck.check(sf, sqm);
    }
    return sqm;
  }

  private HqlTranslator standard(SessionFactoryImplementor sf) {
    HqlTranslator s = standard;
    if (s == null) {
      HqlTranslator dialects = sf.getJdbcServices().getDialect().getHqlTranslator();
      s = dialects != null ? dialects : new StandardHqlTranslator(HibernateLine.current().sqmCreationContext(sf),
          new SqmCreationOptionsStandard(sf.getSessionFactoryOptions()));
      standard = s;
    }
    return s;
  }

  @Override
  public String toString() {
    return "CheckingHqlTranslator[" + (checking ? "checking" : "passive") + "]";
  }
}
