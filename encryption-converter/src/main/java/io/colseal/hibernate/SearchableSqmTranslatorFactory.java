package io.colseal.hibernate;

import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.select.SelectStatement;

/**
 * Hibernate's standard HQL/Criteria translation, plus colseal's checks and rewrites of predicates
 * on encrypted attributes ({@link SearchableSqmTranslator}). Installed as {@code
 * hibernate.query.sqm.translator} by {@link ColsealServiceContributor} unless the application sets
 * its own.
 */
public final class SearchableSqmTranslatorFactory implements SqmTranslatorFactory {
  @Override
  public SqmTranslator<SelectStatement> createSelectTranslator(
      SqmSelectStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    return new SearchableSqmTranslator<>(statement, queryOptions, parameterXref, parameterBindings,
        loadQueryInfluencers, creationContext, deduplicateSelectionItems);
  }

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(
      SqmDmlStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext) {
    return new SearchableSqmTranslator<>(statement, queryOptions, parameterXref, parameterBindings,
        loadQueryInfluencers, creationContext, false);
  }
}
