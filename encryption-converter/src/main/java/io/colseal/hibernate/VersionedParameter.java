package io.colseal.hibernate;

import io.colseal.ColsealQueryException;
import io.colseal.ColumnCipher;
import io.colseal.ErrorCode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.exec.ExecutionException;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

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

  VersionedParameter(JdbcParameter original, int slot, int slots, EncryptingConverter<?, ?> converter) {
    super(original.getExpressionType().getSingleJdbcMapping());
    this.original = original;
    this.slot = slot;
    this.slots = slots;
    this.converter = converter;
  }

  @Override
  public void bindParameterValue(
      PreparedStatement statement, int position, JdbcParameterBindings bindings, ExecutionContext context)
      throws SQLException {
    var binding = bindings.getBinding(original);
    if (binding == null) {
      throw new ExecutionException("JDBC parameter value not bound - " + original);
    }
    Object stored = binding.getBindValue();
    Object value = null;
    if (stored != null) {
      ColumnCipher<?, ?> cipher = converter.cipher();
      int[] versions = cipher.searchVersions();
      if (versions.length > slots) {
        context.getSession().getFactory().getQueryEngine().getInterpretationCache().close();
        throw stale(versions.length);
      }
      value = sealUnder(cipher, stored, versions[Math.min(slot, versions.length - 1)]);
    }
    JdbcMapping mapping = binding.getBindType() != null ? binding.getBindType() : getJdbcMapping();
    @SuppressWarnings("unchecked")
    var binder = (org.hibernate.type.descriptor.ValueBinder<Object>) mapping.getJdbcValueBinder();
    binder.bind(statement, value, position, context.getSession());
  }

  private ColsealQueryException stale(int versions) {
    return new ColsealQueryException(ErrorCode.QUERY_PLAN_STALE, SearchableSqmTranslator.describe(converter)
        + ": the table now has " + versions
        + " live key versions and this query's cached plan covers " + slots + "; the plan cache was cleared, run the"
        + " query again");
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
