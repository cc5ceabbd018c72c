package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import io.colseal.exception.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.metamodel.mapping.BasicValuedMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.ComparisonOperator;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslation;
import org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmStatement;
import org.hibernate.query.sqm.tree.predicate.SqmBetweenPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmComparisonPredicate;
import org.hibernate.query.sqm.tree.predicate.SqmInListPredicate;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.predicate.SqmLikePredicate;
import org.hibernate.query.sqm.tree.select.SqmSortSpecification;
import org.hibernate.sql.ast.SqlAstWalker;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.Statement;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.ast.tree.expression.Literal;
import org.hibernate.sql.ast.tree.expression.SqlSelectionExpression;
import org.hibernate.sql.ast.tree.expression.SqlTuple;
import org.hibernate.sql.ast.tree.predicate.BetweenPredicate;
import org.hibernate.sql.ast.tree.predicate.ComparisonPredicate;
import org.hibernate.sql.ast.tree.predicate.InListPredicate;
import org.hibernate.sql.ast.tree.predicate.LikePredicate;
import org.hibernate.sql.ast.tree.predicate.Predicate;
import org.hibernate.sql.ast.tree.select.SortSpecification;
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
 *   <li>Equality on a randomized attribute, order comparisons, {@code BETWEEN}, {@code LIKE} and
 *       {@code ORDER BY} are rejected: they compare ciphertext and cannot give the right answer.
 *       {@code GROUP BY} is rejected on a randomized attribute only.
 *   <li>A parameter compared with a {@code @BlindIndex} attribute ({@code =}, {@code <>}, {@code IN})
 *       is bound as its index ({@link IndexedParameter}), also when the application gave the
 *       parameter its own type; a literal is rejected, and so are order comparisons, {@code
 *       BETWEEN}, {@code LIKE} and {@code ORDER BY}.
 * </ul>
 *
 * Every rejection is a {@link ColsealQueryException} with {@link ErrorCode#QUERY_REJECTED} naming
 * the attribute, its table and column.
 */
final class SearchableSqmTranslator<T extends Statement> extends StandardSqmTranslator<T> {
  /** Slots beyond today's versions, so one rotation while a plan is cached needs no new plan. */
  static final int SPARE_SLOTS = 1;

  private final QueryRejections rejections;

  SearchableSqmTranslator(
      QueryRejections rejections,
      SqmStatement<?> statement,
      QueryOptions queryOptions,
      DomainParameterXref parameterXref,
      QueryParameterBindings parameterBindings,
      LoadQueryInfluencers loadQueryInfluencers,
      SqlAstCreationContext creationContext,
      boolean deduplicateSelectionItems) {
    super(statement, queryOptions, parameterXref, parameterBindings, loadQueryInfluencers, creationContext,
        deduplicateSelectionItems);
    this.rejections = rejections;
  }

  /** Translates, counting a refusal in the SessionFactory's {@link QueryRejections}. */
  @Override
  public SqmTranslation<T> translate() {
    try {
      return super.translate();
    } catch (ColsealQueryException e) {
      throw rejections.counted(e);
    }
  }

  /**
   * A row-bound attribute ({@code @Encrypted(bindToRow = true)}) is decrypted when its entity is
   * loaded, with the entity's id; selected alone it would reach the application as ciphertext, so
   * it is rejected.
   */
  @Override
  public org.hibernate.sql.ast.tree.select.SelectClause visitSelectClause(
      org.hibernate.query.sqm.tree.select.SqmSelectClause selectClause) {
    if (selectClause != null) {
      for (org.hibernate.query.sqm.tree.select.SqmSelection<?> selection : selectClause.getSelections()) {
        rejectRowBound(selection.getSelectableNode(), "selected on its own");
      }
    }
    return super.visitSelectClause(selectClause);
  }

  /** A bulk {@code update} cannot set a row-bound attribute: it has no row to bind each value to. */
  @Override
  public org.hibernate.sql.ast.tree.update.UpdateStatement visitUpdateStatement(
      org.hibernate.query.sqm.tree.update.SqmUpdateStatement<?> statement) {
    for (org.hibernate.query.sqm.tree.update.SqmAssignment<?> a : statement.getSetClause().getAssignments()) {
      rejectRowBound(a.getTargetPath(), "set by a bulk update");
    }
    return super.visitUpdateStatement(statement);
  }

  private static void rejectRowBound(org.hibernate.query.sqm.tree.select.SqmSelectableNode<?> node, String how) {
    if (node instanceof org.hibernate.query.sqm.tree.domain.SqmPath<?> path && path.getLhs() != null) {
      String where = RowBoundAttributes.describeBound(path.getLhs().getJavaType(), path.getNavigablePath().getLocalName());
      if (where != null) {
        throw rejected(where, "is bound to its row (bindToRow) and " + how + " has no row: its value is decrypted"
            + " only when its entity is loaded, and written only when its entity is persisted or changed");
      }
    } else if (node instanceof org.hibernate.query.sqm.tree.select.SqmDynamicInstantiation<?> instantiation) {
      for (org.hibernate.query.sqm.tree.select.SqmDynamicInstantiationArgument<?> arg : instantiation.getArguments()) {
        rejectRowBound(arg.getSelectableNode(), how);
      }
    } else if (node instanceof org.hibernate.query.sqm.tree.select.SqmJpaCompoundSelection<?> compound) {
      for (org.hibernate.query.sqm.tree.select.SqmSelectableNode<?> item : compound.getSelectionItems()) {
        rejectRowBound(item, how);
      }
    }
  }

  @Override
  public ComparisonPredicate visitComparisonPredicate(SqmComparisonPredicate sqm) {
    ComparisonPredicate predicate = super.visitComparisonPredicate(sqm);
    Expression lhs = predicate.getLeftHandExpression();
    Expression rhs = predicate.getRightHandExpression();
    BlindIndexConverter leftIndex = indexColumn(lhs);
    BlindIndexConverter rightIndex = indexColumn(rhs);
    if ((leftIndex == null) != (rightIndex == null)) {
      return indexComparison(predicate, leftIndex != null ? leftIndex : rightIndex, leftIndex != null);
    }
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
    BlindIndexConverter index = indexColumn(in.getTestExpression());
    if (index != null) {
      List<Expression> list = new ArrayList<>();
      for (Expression e : in.getListExpressions()) {
        list.add(indexed(e, index, in.getTestExpression()));
      }
      return new InListPredicate(in.getTestExpression(), list, in.isNegated(), in.getExpressionType());
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
    String where = searchedColumn(predicate.getMatchExpression());
    if (where != null) {
      throw rejected(where, "LIKE would match patterns against ciphertext or an index; encrypted values cannot be"
          + " searched by pattern");
    }
    return predicate;
  }

  @Override
  public BetweenPredicate visitBetweenPredicate(SqmBetweenPredicate sqm) {
    BetweenPredicate predicate = super.visitBetweenPredicate(sqm);
    String where = searchedColumn(predicate.getExpression());
    if (where != null) {
      throw rejected(where, "BETWEEN would compare ciphertext or an index; encrypted values have no order");
    }
    return predicate;
  }

  @Override
  public SortSpecification visitSortSpecification(SqmSortSpecification sqm) {
    SortSpecification sort = super.visitSortSpecification(sqm);
    String where = sort == null ? null : searchedColumn(selected(sort.getSortExpression()));
    if (where != null) {
      throw rejected(where, "ORDER BY would sort by ciphertext or an index, not by the values; encrypted values have"
          + " no order in the database: sort the results in the application");
    }
    return sort;
  }

  /**
   * GROUP BY a randomized attribute puts every row in a group of its own, so it is rejected. GROUP
   * BY a deterministic attribute or a blind index groups equal values (see the searchable-encryption
   * guide for what a key rotation and a truncated index do to the groups).
   */
  @Override
  public List<Expression> visitGroupByClause(List<SqmExpression<?>> groupBy) {
    List<Expression> expressions = super.visitGroupByClause(groupBy);
    for (Expression e : expressions) {
      EncryptingConverter<?, ?> converter = encryptedColumn(selected(e));
      ColumnBinding b = converter == null ? null : converter.binding();
      if (b != null && b.mode() != EncryptionMode.DETERMINISTIC) {
        throw rejected(converter, "GROUP BY would put every row in a group of its own: the attribute is encrypted"
            + " with a random nonce; group by a @BlindIndex of it, or map it with @Encrypted(deterministic = true)");
      }
    }
    return expressions;
  }

  /** The comparison of a blind index with a value: {@code =} or {@code <>} with a parameter, indexed. */
  private static ComparisonPredicate indexComparison(ComparisonPredicate predicate, BlindIndexConverter index,
      boolean indexOnLeft) {
    ComparisonOperator op = predicate.getOperator();
    if (op != ComparisonOperator.EQUAL && op != ComparisonOperator.NOT_EQUAL) {
      throw rejected(describe(index), "'" + op.sqlText().trim() + "' would compare index values, which have no"
          + " order; a blind index supports only = and <> with a parameter, IN and IS [NOT] NULL");
    }
    Expression column = indexOnLeft ? predicate.getLeftHandExpression() : predicate.getRightHandExpression();
    Expression value = indexed(indexOnLeft ? predicate.getRightHandExpression() : predicate.getLeftHandExpression(),
        index, column);
    return new ComparisonPredicate(indexOnLeft ? column : value, op, indexOnLeft ? value : column,
        predicate.getExpressionType());
  }

  /** A value compared with a blind index: a parameter bound as its index; a literal is rejected. */
  private static Expression indexed(Expression value, BlindIndexConverter index, Expression column) {
    if (value instanceof Literal) {
      throw rejected(describe(index), "is compared with a literal, whose plaintext would be written into the query;"
          + " bind the value as a parameter (:name, ?1, or a Criteria value)");
    }
    if (value instanceof SqlTuple tuple) { // a collection-valued parameter, expanded by Hibernate
      List<Expression> items = new ArrayList<>();
      for (Expression e : tuple.getExpressions()) {
        items.add(indexed(e, index, column));
      }
      return new SqlTuple(items, tuple.getExpressionType());
    }
    JdbcParameter parameter = parameterOf(value);
    return parameter == null
        ? value // a column, function or subquery: compared as the application wrote it
        : new IndexedParameter(parameter, index, column.getExpressionType().getSingleJdbcMapping());
  }

  /** The expression behind a reference to a select item ({@code order by 1}, an alias). */
  private static Expression selected(Expression e) {
    return e instanceof SqlSelectionExpression s ? s.getSelection().getExpression() : e;
  }

  /** {@code Entity.attribute (table.column)} of an encrypted or blind-index column, or null. */
  private static @Nullable String searchedColumn(Expression e) {
    EncryptingConverter<?, ?> converter = encryptedColumn(e);
    if (converter != null) {
      return describe(converter);
    }
    BlindIndexConverter index = indexColumn(e);
    return index == null ? null : describe(index);
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

  /** The blind-index converter of a column reference, or null for anything else (parameters too). */
  static @Nullable BlindIndexConverter indexColumn(Expression e) {
    if (e instanceof Literal || parameterOf(e) != null || e instanceof SqmParameterInterpretation) {
      return null;
    }
    return e.getExpressionType() instanceof BasicValuedMapping basic
        && basic.getJdbcMapping().getValueConverter() instanceof BlindIndexJpaConverter jpa
        ? jpa.converter()
        : null;
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
    return rejected(describe(converter), why);
  }

  private static ColsealQueryException rejected(String where, String why) {
    return new ColsealQueryException(ErrorCode.QUERY_REJECTED, where + ": " + why);
  }

  /** {@code Entity.attribute (table.column)} of a blind index, for messages. */
  static String describe(BlindIndexConverter index) {
    return index.entity() + '.' + index.attribute() + " (" + index.table() + '.' + index.column() + ')';
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
