package io.colseal.hibernate;

import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.ColsealMappingException;
import io.colseal.keys.Identifiers;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.MappingException;
import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Value;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.jspecify.annotations.Nullable;

/**
 * Walks the boot model for {@code @BlindIndex} attributes: each must have its converter (else the
 * generator would store the source plaintext in the index column) and a {@code String} source
 * attribute in the same entity, whose column it records for the registry. {@code @BlindIndex} is
 * supported on basic attributes of entities, not inside embeddables or collections.
 */
final class BlindIndexScan {
  private BlindIndexScan() {}

  static List<BlindIndexConverter> scan(Metadata metadata) {
    List<BlindIndexConverter> found = new ArrayList<>();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      Class<?> mapped = BootModelScan.mappedClass(pc);
      for (Property p : pc.getProperties()) {
        Value value = p.getValue();
        String where = pc.getEntityName() + '.' + p.getName();
        if (value instanceof BasicValue basic) {
          BlindIndexConverter converter = BlindIndexAttributeBinder.converter(basic);
          if (converter == null) {
            if (annotated(mapped, p.getName())) {
              throw new ColsealMappingException(where + " is @BlindIndex but Hibernate mapped it without colseal's"
                  + " converter; the index column would hold the plaintext");
            }
            continue;
          }
          bindSource(pc, where, converter);
          found.add(converter);
        } else if (value instanceof Component || value instanceof Collection) {
          checkNested(where, value);
        }
      }
    }
    return found;
  }

  /**
   * Checks each index column against the runtime model and records the identifiers Hibernate uses
   * in SQL for it (quoted or schema-qualified if mapped so), for the registry and the audit.
   */
  static void bindSqlNames(SessionFactoryImplementor sf) {
    sf.getMappingMetamodel().forEachEntityDescriptor(persister -> persister.forEachAttributeMapping(am -> {
      if (am instanceof BasicValuedModelPart basic
          && basic.getJdbcMapping().getValueConverter() instanceof BlindIndexJpaConverter jpa) {
        BlindIndexConverter c = jpa.converter();
        String table = Identifiers.normalize(basic.getContainingTableExpression());
        String column = Identifiers.normalize(basic.getSelectionExpression());
        if (!table.equals(c.table()) || !column.equals(c.column())) {
          throw new ColsealMappingException(persister.getEntityName() + '.' + am.getAttributeName()
              + ": blind index bound to " + c.table() + '.' + c.column() + " at boot, but Hibernate maps it to "
              + table + '.' + column + " at runtime");
        }
        c.sqlNames(basic.getContainingTableExpression(), basic.getSelectionExpression());
      }
    }));
  }

  private static void bindSource(PersistentClass pc, String where, BlindIndexConverter converter) {
    Property source;
    try {
      source = pc.getRecursiveProperty(converter.source());
    } catch (MappingException e) {
      throw new ColsealMappingException(where + ": @BlindIndex(of = \"" + converter.source() + "\") names no"
          + " attribute of " + pc.getEntityName());
    }
    if (!(source.getValue() instanceof BasicValue basic) || basic.getColumnSpan() != 1
        || !(basic.getColumn() instanceof Column column) || !String.class.getName().equals(typeName(basic))) {
      throw new ColsealMappingException(where + ": @BlindIndex(of = \"" + converter.source() + "\") must name a"
          + " String attribute of the same entity with one column");
    }
    converter.sourceColumn(column.getName());
  }

  private static @Nullable String typeName(BasicValue basic) {
    EncryptingConverter<?, ?> encrypting = EncryptedAttributeBinder.colsealConverter(basic);
    if (encrypting != null) {
      return encrypting.javaType().getName();
    }
    BasicValue.Resolution<?> r = basic.getResolution();
    return r == null ? null : r.getDomainJavaType().getJavaTypeClass().getName();
  }

  private static void checkNested(String where, Value value) {
    Value inner = value instanceof Collection c ? c.getElement() : value;
    if (inner instanceof Component component) {
      for (Property p : component.getProperties()) {
        if (p.getValue() instanceof BasicValue b && BlindIndexAttributeBinder.converter(b) != null
            || annotated(BootModelScan.componentClass(component), p.getName())) {
          throw new ColsealMappingException(where + '.' + p.getName() + ": @BlindIndex is supported on attributes"
              + " of entities, not inside embeddables or collections");
        }
        checkNested(where + '.' + p.getName(), p.getValue());
      }
    }
  }

  private static boolean annotated(@Nullable Class<?> owner, String name) {
    AnnotatedElement member = BootModelScan.member(owner, name);
    return member != null && member.isAnnotationPresent(BlindIndex.class);
  }
}
