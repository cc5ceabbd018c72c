package io.colseal.hibernate;

import io.colseal.ColumnCipher;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.ColsealQueryException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.exec.ExecutionException;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBinding;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;
import org.hibernate.type.descriptor.ValueBinder;
import org.jspecify.annotations.Nullable;

/**
 * One slot of an expanded deterministic parameter: binds the envelope Hibernate computed for the
 * query parameter (under the ACTIVE version), re-sealed under the key version at this slot's
 * position in {@link ColumnCipher#searchVersions()}. Slots beyond the live versions repeat the
 * oldest one. If the table has more live versions than the plan has slots, the plan is out of date:
 * the query plan cache is dropped and the query fails with {@link ErrorCode#QUERY_PLAN_STALE}, so
 * that running it again builds a plan with enough slots. It never binds fewer versions than exist.
 */
final class VersionedParameter extends AbstractJdbcParameter {
  private final JdbcParameter original;
  private final int slot;
  private final int slots;
  private final EncryptingConverter<?, ?> converter;

  /**
   * @param columnMapping the encrypted column's mapping, whose JDBC binder takes the stored form
   */
  VersionedParameter(JdbcParameter original, int slot, int slots, EncryptingConverter<?, ?> converter,
      JdbcMapping columnMapping) {
    super(columnMapping);
    this.original = original;
    this.slot = slot;
    this.slots = slots;
    this.converter = converter;
  }

  @Override
  public void bindParameterValue(
      PreparedStatement statement, int position, JdbcParameterBindings bindings, ExecutionContext context)
      throws SQLException {
    Object value;
    try {
      value = valueOf(bindingOf(original, bindings), context);
    } catch (ColsealQueryException e) {
      throw ColsealServiceContributor.rejections(context.getSession().getFactory()).counted(e);
    }
    bindStored(this, statement, value, position, context);
  }

  /** What this slot binds: the parameter's envelope under the slot's key version; null for null. */
  private @Nullable Object valueOf(JdbcParameterBinding binding, ExecutionContext context) {
    Object bound = binding.getBindValue();
    if (bound == null) {
      return null;
    }
    ColumnCipher<?, ?> cipher = converter.cipher();
    // Hibernate converted the value through the attribute's converter unless the parameter was
    // given its own type (cb.parameter(String.class)); then it holds the plaintext.
    JdbcMapping boundType = binding.getBindType();
    Object stored = boundType != null && boundType.getValueConverter() instanceof ColsealJpaConverter<?, ?>
        ? bound
        : encrypt(cipher, bound);
    int[] versions = cipher.searchVersions();
    if (versions.length > slots) {
      context.getSession().getFactory().getQueryEngine().getInterpretationCache().close();
      throw stale(versions.length);
    }
    return sealUnder(cipher, stored, versions[Math.min(slot, versions.length - 1)]);
  }

  /** The binding Hibernate made for the parameter a colseal parameter replaces. */
  static JdbcParameterBinding bindingOf(JdbcParameter original, JdbcParameterBindings bindings) {
    JdbcParameterBinding binding = bindings.getBinding(original);
    if (binding == null) {
      throw new ExecutionException("JDBC parameter value not bound - " + original);
    }
    return binding;
  }

  /** Binds {@code stored} with the column's own JDBC binder (the parameter's mapping is the column's). */
  static void bindStored(AbstractJdbcParameter parameter, PreparedStatement statement, @Nullable Object stored,
      int position, ExecutionContext context) throws SQLException {
    @SuppressWarnings("unchecked")
    var binder = (ValueBinder<Object>) parameter.getJdbcMapping().getJdbcValueBinder();
    binder.bind(statement, stored, position, context.getSession());
  }

  private ColsealQueryException stale(int versions) {
    return new ColsealQueryException(ErrorCode.QUERY_PLAN_STALE, SearchableSqmTranslator.describe(converter)
        + ": the table now has " + versions
        + " live key versions and this query's cached plan covers " + slots + "; the plan cache was cleared, run the"
        + " query again");
  }

  private <T> Object encrypt(ColumnCipher<T, ?> cipher, Object plaintext) {
    if (!cipher.javaType().isInstance(plaintext)) {
      throw new ColsealQueryException(ErrorCode.QUERY_REJECTED, SearchableSqmTranslator.describe(converter)
          + ": a parameter of type " + plaintext.getClass().getName() + " is compared with an attribute of type "
          + cipher.javaType().getName());
    }
    return java.util.Objects.requireNonNull(cipher.encrypt(cipher.javaType().cast(plaintext)));
  }

  @SuppressWarnings("unchecked")
  private static <S> Object sealUnder(ColumnCipher<?, S> cipher, Object stored, int version) {
    return cipher.sealedUnder((S) stored, version);
  }

  @Override
  public String toString() {
    return "VersionedParameter[slot " + slot + " of " + slots + "]";
  }
}
