package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.ColsealQueryException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.metamodel.mapping.BasicValuedMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.predicate.SqmBetweenPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmLikePredicate;
import org.hibernate.sql.ast.SqlAstWalker;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.Statement;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.ast.tree.expression.Literal;
import org.hibernate.sql.ast.tree.predicate.BetweenPredicate;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.InListPredicate;
import org.hibernate.sql.ast.tree.predicate.LikePredicate;
import org.hibernate.sql.ast.tree.predicate.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Translates HQL and Criteria like Hibernate's standard translator, and then looks at every
 * predicate on an encrypted attribute:
 *
 * <ul>
 *   <li>{@code =}, {@code <>} and {@code IN} with parameters on a deterministic attribute become
 *       {@code IN} lists holding the parameter's envelope under every key version the table's rows
 *       may use ({@link io.colseal.ColumnCipher#searchVersions()}), plus one spare slot, so a rotation does not
 *       hide rows that are still under the previous version. {@link VersionedParameter} binds each
 *       slot at execution time.
 *   <li>Literals compared with an encrypted attribute are rejected: their ciphertext would be
 *       inlined into the SQL text, statement caches and logs.
 *   <li>Equality on a randomized attribute, order comparisons, {@code BETWEEN} and {@code LIKE} are
 *       rejected: they compare ciphertext and cannot give the right answer.
 * </ul>
 *
 * Every rejection is a {@link ColsealQueryException} with {@link ErrorCode#QUERY_REJECTED} naming
 * the attribute, its table and column.
 */
final class SearchableSqmTranslator<T extends Statement> extends StandardSqmTranslator<T> {
  /** Slots beyond today's versions, so one rotation while a plan is cached needs no new plan. */
  static final int SPARE_SLOTS = 1;

  SearchableSqmTranslator(
      SqmStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    super(statement, queryOptions, parameterXref, parameterBindings, loadQueryInfluencers, creationContext,
        deduplicateSelectionItems);
  }

  @Override
  public ComparisonPredicate visitComparisonPredicate(SqmComparisonPredicate sqm) {
    ComparisonPredicate predicate = super.visitComparisonPredicate(sqm);
    Expression lhs = predicate.getLeftHandExpression();
    Expression rhs = predicate.getRightHandExpression();
    EncryptingConverter<?, ?> left = encryptedColumn(lhs);
    EncryptingConverter<?, ?> right = encryptedColumn(rhs);
    if ((left == null) == (right == null)) {
      return predicate; // no encrypted column, or two columns compared with each other
    }
    EncryptingConverter<?, ?> converter = left != null ? left : right;
    Expression column = left != null ? lhs : rhs;
    Expression value = left != null ? rhs : lhs;
    ComparisonOperator op = predicate.getOperator();
    if (op != ComparisonOperator.EQUAL && op != ComparisonOperator.NOT_EQUAL) {
      throw rejected(converter, "'" + op.sqlText().trim() + "' would compare ciphertext; an encrypted attribute"
          + " supports only = and <> with a parameter, IN and IS [NOT] NULL");
    }
    if (value instanceof Literal) {
      throw literal(converter);
    }
    JdbcParameter parameter = parameterOf(value);
    if (parameter == null) {
      return predicate; // a function or subquery: compared as the application wrote it
    }
    requireDeterministic(converter);
    InListPredicate expanded = new InListPredicate(column, expand(parameter, converter, column),
        op == ComparisonOperator.NOT_EQUAL, predicate.getExpressionType());
    return new Expanded(predicate, expanded);
  }

  @Override
  public Predicate visitInListPredicate(SqmInListPredicate<?> sqm) {
    Predicate predicate = super.visitInListPredicate(sqm);
    if (!(predicate instanceof InListPredicate in)) {
      return predicate;
    }
    EncryptingConverter<?, ?> converter = encryptedColumn(in.getTestExpression());
    if (converter == null) {
      return predicate;
    }
    List<Expression> list = new ArrayList<>();
    for (Expression e : in.getListExpressions()) {
      if (e instanceof Literal) {
        throw literal(converter);
      }
      JdbcParameter parameter = parameterOf(e);
      if (parameter == null) {
        list.add(e);
      } else {
        requireDeterministic(converter);
        list.addAll(expand(parameter, converter, in.getTestExpression()));
      }
    }
    return new InListPredicate(in.getTestExpression(), list, in.isNegated(), in.getExpressionType());
  }

  @Override
  public LikePredicate visitLikePredicate(SqmLikePredicate sqm) {
    LikePredicate predicate = super.visitLikePredicate(sqm);
    EncryptingConverter<?, ?> converter = encryptedColumn(predicate.getMatchExpression());
    if (converter != null) {
      throw rejected(converter, "LIKE would match patterns against ciphertext; encrypted values cannot be searched by"
          + " pattern");
    }
    return predicate;
  }

  @Override
  public BetweenPredicate visitBetweenPredicate(SqmBetweenPredicate sqm) {
    BetweenPredicate predicate = super.visitBetweenPredicate(sqm);
    EncryptingConverter<?, ?> converter = encryptedColumn(predicate.getExpression());
    if (converter != null) {
      throw rejected(converter, "BETWEEN would compare ciphertext; encrypted values have no order");
    }
    return predicate;
  }

  private static List<Expression> expand(JdbcParameter parameter, EncryptingConverter<?, ?> converter,
      Expression column) {
    int slots = converter.cipher().searchVersions().length + SPARE_SLOTS;
    JdbcMapping columnMapping = column.getExpressionType().getSingleJdbcMapping();
    List<Expression> out = new ArrayList<>(slots);
    for (int slot = 0; slot < slots; slot++) {
      out.add(new VersionedParameter(parameter, slot, slots, converter, columnMapping));
    }
    return out;
  }

  private static void requireDeterministic(EncryptingConverter<?, ?> converter) {
    if (converter.cipher().mode() != EncryptionMode.DETERMINISTIC) {
      throw rejected(converter, "is encrypted with a random nonce, so equality never matches; map it with"
          + " @Encrypted(deterministic = true), or query a @BlindIndex column");
    }
  }

  /** The colseal converter of a column reference, or null for anything else (parameters too). */
  static @Nullable EncryptingConverter<?, ?> encryptedColumn(Expression e) {
    if (e instanceof Literal || parameterOf(e) != null || e instanceof SqmParameterInterpretation) {
      return null;
    }
    return e.getExpressionType() instanceof BasicValuedMapping basic
        && basic.getJdbcMapping().getValueConverter() instanceof ColsealJpaConverter<?, ?> jpa
        ? jpa.converter()
        : null;
  }

  private static @Nullable JdbcParameter parameterOf(Expression e) {
    if (e instanceof JdbcParameter p) {
      return p;
    }
    if (e instanceof SqmParameterInterpretation p && p.getResolvedExpression() instanceof JdbcParameter jp) {
      return jp;
    }
    return null;
  }

  private static ColsealQueryException literal(EncryptingConverter<?, ?> converter) {
    return rejected(converter, "is compared with a literal, whose ciphertext would be written into the SQL text; bind"
        + " the value as a parameter (:name, ?1, or a Criteria value)");
  }

  private static ColsealQueryException rejected(EncryptingConverter<?, ?> converter, String why) {
    return new ColsealQueryException(ErrorCode.QUERY_REJECTED, describe(converter) + ": " + why);
  }

  /** {@code Entity.attribute (table.column)} for messages. */
  static String describe(EncryptingConverter<?, ?> converter) {
    ColumnBinding b = converter.binding();
    return b == null ? "an encrypted attribute" : b.where() + " (" + b.table() + '.' + b.column() + ')';
  }

  /**
   * The comparison as Hibernate built it (for anything that inspects it), rendered as the {@code IN}
   * list over every key version.
   */
  private static final class Expanded extends ComparisonPredicate {
    private final InListPredicate expanded;

    Expanded(ComparisonPredicate original, InListPredicate expanded) {
      super(original.getLeftHandExpression(), original.getOperator(), original.getRightHandExpression(),
          original.getExpressionType());
      this.expanded = expanded;
    }

    @Override
    public void accept(SqlAstWalker walker) {
      expanded.accept(walker);
    }
  }
}
