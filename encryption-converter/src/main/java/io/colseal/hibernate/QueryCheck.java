package io.colseal.hibernate;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.internal.ParameterMetadataImpl;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SearchableSqmTranslator}'s checks on a query before it is executed: on each named
 * query when the SessionFactory starts, and on each HQL string when it is first parsed ({@link
 * CheckingHqlTranslator}), which is when Spring Data validates its {@code @Query} methods. The query
 * is translated as it would be at execution, with no values bound, and the SQL is thrown away; a
 * {@link ColsealQueryException} is what execution would have thrown. A query whose translation needs
 * its bound values for another reason is left to the check at execution, which always runs.
 */
final class QueryCheck {
  private static final Logger log = LoggerFactory.getLogger(QueryCheck.class);

  private QueryCheck() {}

  /** Throws what running {@code sqm} would throw on colseal's grounds. */
  static void check(SessionFactoryImplementor sessionFactory, SqmStatement<?> sqm) {
    if (!(sqm instanceof SqmSelectStatement<?> || sqm instanceof SqmDmlStatement<?>)) {
      return;
    }
    try {
      boolean none = sqm.getSqmParameters().isEmpty();
      DomainParameterXref xref = none ? DomainParameterXref.EMPTY : DomainParameterXref.from(sqm);
      var metadata = none ? ParameterMetadataImpl.EMPTY : new ParameterMetadataImpl(xref.getQueryParameters());
      var bindings = metadata.createBindings(sessionFactory);
      new SearchableSqmTranslator<>(ColsealServiceContributor.rejections(sessionFactory), sqm, QueryOptions.NONE, xref,
          bindings, new LoadQueryInfluencers(sessionFactory), HibernateLine.current().sqlAstCreationContext(sessionFactory),
          false).translate();
    } catch (ColsealQueryException e) {
      throw e;
    } catch (RuntimeException e) {
      log.debug("colseal checks this query when it runs: translating it without values failed ({})",
          e.getClass().getName());
    }
  }

  /**
   * Checks every named HQL query of the SessionFactory and fails naming each rejected one, as
   * Hibernate's own named-query validation does for its errors.
   */
  static void checkNamedQueries(SessionFactoryImplementor sessionFactory) {
    var engine = sessionFactory.getQueryEngine();
    List<String> rejected = new ArrayList<>();
    engine.getNamedObjectRepository().visitSqmQueryMementos(memento -> {
      try {
        SqmStatement<?> sqm = memento.getHqlString() != null
            ? engine.getInterpretationCache().resolveHqlInterpretation(memento.getHqlString(), null,
                engine.getHqlTranslator()).getSqmStatement()
            : memento.getSqmStatement();
        if (sqm != null) {
          check(sessionFactory, sqm);
        }
      } catch (ColsealQueryException e) {
        rejected.add("named query '" + memento.getRegistrationName() + "': " + e.getMessage());
      }
    });
    if (!rejected.isEmpty()) {
      throw new ColsealQueryException(io.colseal.exception.ErrorCode.QUERY_REJECTED, "colseal rejected "
          + rejected.size() + " named quer" + (rejected.size() == 1 ? "y" : "ies") + ":\n  " + String.join("\n  ",
          rejected));
    }
  }
}
