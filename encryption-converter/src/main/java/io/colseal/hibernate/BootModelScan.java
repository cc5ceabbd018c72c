package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import io.colseal.hibernate.ColsealMappingException;
import io.colseal.hibernate.Encrypted;
import io.colseal.keys.Identifiers;
import jakarta.persistence.Convert;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UnionSubclass;
import org.hibernate.mapping.Value;
import org.jspecify.annotations.Nullable;

/**
 * Walks the boot model after Hibernate resolved every value and checks, independently of the
 * binder, that each {@code @Encrypted} member really got a colseal converter bound to its column.
 * Also binds converters that reached Hibernate through a plain {@code @Convert}, and rejects
 * mappings colseal cannot encrypt correctly.
 */
final class BootModelScan {
  private final List<EncryptingConverter<?, ?>> found = new ArrayList<>();
  private final Set<EncryptingConverter<?, ?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  static List<EncryptingConverter<?, ?>> scan(Metadata metadata) {
    BootModelScan scan = new BootModelScan();
    for (PersistentClass pc : metadata.getEntityBindings()) {
      Class<?> mapped = mappedClass(pc);
      checkNotEncrypted(pc.getEntityName(), pc.getIdentifierProperty(), mapped, "an identifier");
      checkNotEncrypted(pc.getEntityName(), pc.getVersion(), mapped, "a @Version attribute");
      for (Property p : pc.getProperties()) {
        scan.visit(pc.getEntityName(), "", p, mapped);
      }
      if (pc instanceof UnionSubclass) {
        checkInheritedInUnionSubclass(pc);
      }
    }
    return scan.found;
  }

  private void visit(String entity, String prefix, Property property, @Nullable Class<?> owner) {
    String path = prefix + property.getName();
    AnnotatedElement member = member(owner, property.getName());
    boolean annotated = member != null && member.isAnnotationPresent(Encrypted.class);
    if (annotated && member.isAnnotationPresent(Convert.class)) {
      throw new ColsealMappingException(entity + '.' + path + ": @Encrypted cannot be combined with @Convert;"
          + " colseal encrypts the attribute's own value. Remove one of them");
    }
    String deferred = EncryptedAttributeBinder.deferredProblem(property);
    if (deferred != null) {
      throw new ColsealMappingException(entity + '.' + path + " (in a collection of embeddables): "
          + deferred.replaceFirst("^MAPPING_INVALID: ", ""));
    }
    Value value = property.getValue();
    if (value instanceof BasicValue basic) {
      basic(entity, path, basic, basic.getTable(), annotated);
    } else if (value instanceof Component component) {
      for (Property p : component.getProperties()) {
        visit(entity, path + '.', p, componentClass(component));
      }
    } else if (value instanceof Collection collection) {
      Value element = collection.getElement();
      if (element instanceof BasicValue basic) {
        basic(entity, path, basic, collection.getCollectionTable(), annotated);
      } else if (element instanceof Component component) {
        for (Property p : component.getProperties()) {
          visit(entity, path + '.', p, componentClass(component));
        }
      }
    }
  }

  private void basic(String entity, String path, BasicValue basic, Table table, boolean annotated) {
    EncryptingConverter<?, ?> converter = EncryptedAttributeBinder.colsealConverter(basic);
    if (converter == null) {
      if (annotated) {
        throw new ColsealMappingException(entity + '.' + path + " is @Encrypted but Hibernate mapped it without"
            + " colseal's converter; it would be stored in plaintext. Check for another converter, a custom"
            + " type or @JdbcTypeCode on the attribute");
      }
      return;
    }
    if (!(basic.getColumn() instanceof Column column) || basic.getColumnSpan() != 1) {
      throw new ColsealMappingException(entity + '.' + path + ": an encrypted attribute needs exactly one column");
    }
    // The mode comes from @Encrypted through the binder; a plain @Convert converter is RANDOMIZED.
    ColumnBinding bound = converter.binding();
    ColumnBinding expected = ColumnBinding.of(entity, path, table.getName(), column.getName(),
        converter.javaType(), converter.storage(), bound != null ? bound.mode() : EncryptionMode.RANDOMIZED,
        bound != null ? bound.algorithm() : io.colseal.ColumnAlgorithm.DEFAULT, "boot model");
    // Unbound: a plain @Convert converter. Bound to the same column: takes the full attribute path
    // for the inventory. Bound to another column: a shared instance; bindColumn names both.
    converter.bindColumn(expected);
    if (seen.add(converter)) {
      found.add(converter);
    }
  }

  private static void checkNotEncrypted(String entity, @Nullable Property property, @Nullable Class<?> owner, String what) {
    if (property == null) {
      return;
    }
    AnnotatedElement member = member(owner, property.getName());
    boolean annotated = member != null && member.isAnnotationPresent(Encrypted.class);
    if (annotated
        || (property.getValue() instanceof BasicValue b && EncryptedAttributeBinder.colsealConverter(b) != null)) {
      throw new ColsealMappingException(entity + '.' + property.getName() + " is " + what
          + " and cannot be encrypted: random encryption changes the value at every write");
    }
    if (member != null && (member.isAnnotationPresent(Id.class) || member.isAnnotationPresent(EmbeddedId.class)
        || member.isAnnotationPresent(Version.class)) && annotated) {
      throw new ColsealMappingException(entity + '.' + property.getName() + " cannot be encrypted");
    }
  }

  private static void checkInheritedInUnionSubclass(PersistentClass pc) {
    Set<Property> declared = Collections.newSetFromMap(new IdentityHashMap<>());
    declared.addAll(pc.getProperties());
    for (Property p : pc.getPropertyClosure()) {
      if (!declared.contains(p) && hasColsealConverter(p.getValue())) {
        throw new ColsealMappingException(pc.getEntityName() + '.' + p.getName() + ": TABLE_PER_CLASS inheritance"
            + " stores this inherited encrypted attribute in table " + pc.getTable().getName()
            + " with the key and binding of the root table; use SINGLE_TABLE or JOINED inheritance");
      }
    }
  }

  private static boolean hasColsealConverter(Value value) {
    if (value instanceof BasicValue b) {
      return EncryptedAttributeBinder.colsealConverter(b) != null;
    }
    if (value instanceof Component c) {
      return c.getProperties().stream().anyMatch(p -> hasColsealConverter(p.getValue()));
    }
    if (value instanceof Collection c) {
      return hasColsealConverter(c.getElement());
    }
    return false;
  }

  /** The entity's class, or null for a dynamic-map entity. */
  static @Nullable Class<?> mappedClass(PersistentClass pc) {
    try {
      return pc.getMappedClass();
    } catch (RuntimeException dynamicMap) {
      return null;
    }
  }

  /** The embeddable's class, or null for a dynamic component. */
  static @Nullable Class<?> componentClass(Component c) {
    try {
      return c.getComponentClass();
    } catch (RuntimeException dynamic) {
      return null;
    }
  }

  /** The field or getter named {@code name} in {@code owner} or its superclasses. */
  static @Nullable AnnotatedElement member(@Nullable Class<?> owner, String name) {
    String cap = name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          return f;
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (m.getParameterCount() == 0 && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap))) {
          return m;
        }
      }
    }
    return null;
  }

  static String normalize(String name) {
    return Identifiers.normalize(name);
  }
}
