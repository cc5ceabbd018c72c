package io.colseal.hibernate;

import io.colseal.hibernate.ColsealMappingException;
import io.colseal.keys.Identifiers;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EmbeddableValuedModelPart;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;

/**
 * Compares what the binder learned at boot with the runtime metamodel Hibernate will actually use:
 * every colseal converter must sit on exactly the table and column it encrypts for. Catches any
 * difference between boot-time and runtime naming before a single value is written.
 */
final class RuntimeModelCheck {
  private RuntimeModelCheck() {}

  /** Verifies the runtime model; returns the converters found there (identity set). */
  static Set<EncryptingConverter<?, ?>> verify(SessionFactoryImplementor sf, List<EncryptingConverter<?, ?>> boot) {
    Set<EncryptingConverter<?, ?>> runtime = Collections.newSetFromMap(new IdentityHashMap<>());
    sf.getMappingMetamodel().forEachEntityDescriptor(
        persister -> persister.forEachAttributeMapping(
            (AttributeMapping am) -> visit(persister.getEntityName() + '.' + am.getAttributeName(), am, runtime)));
    Set<EncryptingConverter<?, ?>> bootSet = Collections.newSetFromMap(new IdentityHashMap<>());
    bootSet.addAll(boot);
    for (EncryptingConverter<?, ?> c : runtime) {
      if (!bootSet.contains(c)) {
        throw new ColsealMappingException("colseal converter " + c + " is used at runtime but was not found in the"
            + " boot model; this mapping is not supported");
      }
    }
    return runtime;
  }

  private static void visit(String where, ModelPart part, Set<EncryptingConverter<?, ?>> out) {
    if (part instanceof PluralAttributeMapping plural) {
      visit(where, plural.getElementDescriptor(), out);
      if (plural.getIndexDescriptor() != null) {
        visit(where + "[key]", plural.getIndexDescriptor(), out);
      }
    } else if (part instanceof EmbeddableValuedModelPart embedded) {
      embedded.getEmbeddableTypeDescriptor().forEachAttributeMapping(
          (AttributeMapping am) -> visit(where + '.' + am.getAttributeName(), am, out));
    } else if (part instanceof BasicValuedModelPart basic
        && basic.getJdbcMapping().getValueConverter() instanceof ColsealJpaConverter<?, ?> jpa) {
      EncryptingConverter<?, ?> converter = jpa.converter();
      ColumnBinding binding = converter.binding();
      if (binding == null) {
        throw new ColsealMappingException(where + ": colseal converter has no table and column");
      }
      String table = Identifiers.normalize(basic.getContainingTableExpression());
      String column = Identifiers.normalize(basic.getSelectionExpression());
      if (!table.equals(binding.table()) || !column.equals(binding.column())) {
        throw new ColsealMappingException(where + ": encrypted for " + binding.table() + '.' + binding.column()
            + " at boot, but Hibernate maps it to " + table + '.' + column + " at runtime");
      }
      converter.sqlNames(basic.getContainingTableExpression(), basic.getSelectionExpression());
      out.add(converter);
    }
  }
}
