package io.colseal.hibernate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * A query parameter compared with a {@code @BlindIndex} attribute: binds the index of the
 * parameter's value. Hibernate already ran the value through the attribute's converter when the
 * parameter took the attribute's type (HQL {@code :name}, {@code ?1}, Criteria values); a parameter
 * given its own type ({@code cb.parameter(String.class)}) still holds the plaintext, which is
 * indexed here. Either way the database receives the index, never the plaintext.
 */
final class IndexedParameter extends AbstractJdbcParameter {
  private final JdbcParameter original;
  private final BlindIndexConverter converter;

  /**
   * @param columnMapping the index column's mapping, whose JDBC binder takes the stored index
   */
  IndexedParameter(JdbcParameter original, BlindIndexConverter converter, JdbcMapping columnMapping) {
    super(columnMapping);
    this.original = original;
    this.converter = converter;
  }

  @Override
  public void bindParameterValue(
      PreparedStatement statement, int position, JdbcParameterBindings bindings, ExecutionContext context)
      throws SQLException {
    var binding = VersionedParameter.bindingOf(original, bindings);
    Object bound = binding.getBindValue();
    JdbcMapping boundType = binding.getBindType();
    Object value;
    try {
      value = bound == null || boundType != null && boundType.getValueConverter() instanceof BlindIndexJpaConverter
          ? bound
          : converter.convertToDatabaseColumn(plaintext(bound));
    } catch (ColsealQueryException e) {
      throw ColsealServiceContributor.rejections(context.getSession().getFactory()).counted(e);
    }
    VersionedParameter.bindStored(this, statement, value, position, context);
  }

  private String plaintext(Object bound) {
    if (bound instanceof String s) {
      return s;
    }
    throw new ColsealQueryException(io.colseal.exception.ErrorCode.QUERY_REJECTED, SearchableSqmTranslator.describe(
        converter) + ": a parameter of type " + bound.getClass().getName() + " is compared with a blind index, which"
        + " takes the String it indexes");
  }

  @Override
  public String toString() {
    return "IndexedParameter[" + converter.table() + '.' + converter.column() + "]";
  }
}
