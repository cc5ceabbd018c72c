package io.colseal.hibernate;

import static java.util.Objects.requireNonNull;

import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.SqmTranslatorFactory;
import org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.select.SelectStatement;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate's HQL/Criteria translation, plus colseal's checks and rewrites of predicates on
 * encrypted attributes ({@link SearchableSqmTranslator}) in a SessionFactory that maps them.
 *
 * <p>Installed as {@code hibernate.query.sqm.translator} by {@link ColsealServiceContributor} unless
 * the application sets its own. Hibernate makes one instance per SessionFactory, before the mapping
 * is known; it starts passive and hands every query to Hibernate's {@link
 * StandardSqmTranslatorFactory}. {@link ColsealIntegrator} activates it in a SessionFactory that maps
 * an encrypted attribute, before the first query is translated; other SessionFactories never run
 * colseal's translator.
 */
public final class SearchableSqmTranslatorFactory implements SqmTranslatorFactory {
  /** Created by Hibernate, from {@code hibernate.query.sqm.translator}; applications never need to. */
  public SearchableSqmTranslatorFactory() {}

  private final StandardSqmTranslatorFactory standard = new StandardSqmTranslatorFactory();
  private volatile boolean active;
  private volatile @Nullable QueryRejections rejections;

  /** Makes this SessionFactory's queries go through colseal's translator, counting refusals in {@code rejections}. */
  void activate(QueryRejections rejections) {
    this.rejections = rejections;
    active = true;
  }

  /** Whether this SessionFactory's queries go through colseal's translator. */
  boolean isActive() {
    return active;
  }

  @Override
  public SqmTranslator<SelectStatement> createSelectTranslator(
      SqmSelectStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    if (!active) {
      return standard.createSelectTranslator(statement, queryOptions, parameterXref, parameterBindings,
          loadQueryInfluencers, creationContext, deduplicateSelectionItems);
    }
    return new SearchableSqmTranslator<>(requireNonNull(rejections), statement, queryOptions, parameterXref,
        parameterBindings, loadQueryInfluencers, creationContext, deduplicateSelectionItems);
  }

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(
      SqmDmlStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext) {
    if (!active) {
      return standard.createMutationTranslator(statement, queryOptions, parameterXref, parameterBindings,
          loadQueryInfluencers, creationContext);
    }
    return new SearchableSqmTranslator<>(requireNonNull(rejections), statement, queryOptions, parameterXref,
        parameterBindings, loadQueryInfluencers, creationContext, false);
  }

  @Override
  public String toString() {
    return "SearchableSqmTranslatorFactory[" + (active ? "active" : "passive") + "]";
  }
}
