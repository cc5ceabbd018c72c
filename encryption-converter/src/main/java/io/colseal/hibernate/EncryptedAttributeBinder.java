package io.colseal.hibernate;

import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.SupportedType;
import io.colseal.hibernate.ColsealMappingException;
import io.colseal.hibernate.Encrypted;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.Value;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code @Encrypted}: runs in Hibernate's second pass, when the physical table and column of
 * the attribute are settled (naming strategies, secondary tables, inheritance and collection
 * tables applied), and installs a converter instance of its own on that one column.
 *
 * <p>If Hibernate already resolved the value (elements of a {@code Set} element collection are
 * resolved early), the converter the auto-apply safety net installed is given its column instead;
 * if no colseal converter is there, the build fails rather than store plaintext.
 */
public final class EncryptedAttributeBinder implements AttributeBinder<Encrypted> {
  /** Created by Hibernate, through {@code @Encrypted}; applications never need to. */
  public EncryptedAttributeBinder() {}

  /**
   * Problems found for properties Hibernate gives no owning entity (fields of an embeddable used
   * as a collection element). Hibernate's error wrapper dereferences the null entity and would
   * replace the exception with a NullPointerException, so these are reported by the bootstrap
   * scan instead, which fails the build with the same message.
   */
  private static final Map<Property, String> DEFERRED = Collections.synchronizedMap(new WeakHashMap<>());

  static @Nullable String deferredProblem(Property property) {
    return DEFERRED.remove(property);
  }

  @Override
  public void bind(
      Encrypted annotation,
      MetadataBuildingContext context,
      @Nullable PersistentClass persistentClass,
      Property property) {
    try {
      doBind(annotation, context, persistentClass, property);
    } catch (ColsealMappingException e) {
      if (persistentClass != null) {
        throw e;
      }
      DEFERRED.put(property, e.getMessage());
    }
  }

  private void doBind(
      Encrypted annotation,
      MetadataBuildingContext context,
      @Nullable PersistentClass persistentClass,
      Property property) {
    // persistentClass is null for fields of an embeddable used as a collection element.
    String owner = persistentClass != null ? persistentClass.getEntityName() : "embeddable";
    String where = owner + '.' + property.getName();
    Value value = property.getValue();
    BasicValue basic;
    Table table;
    if (value instanceof Collection collection) {
      if (!(collection.getElement() instanceof BasicValue element)) {
        throw new ColsealMappingException(where + ": @Encrypted on a collection of embeddables or entities;"
            + " put @Encrypted on the embeddable's fields instead");
      }
      basic = element;
      table = collection.getCollectionTable();
      owner = collection.getOwnerEntityName();
      where = owner + '.' + property.getName();
    } else if (value instanceof BasicValue b) {
      basic = b;
      table = b.getTable();
    } else if (value instanceof Component) {
      throw new ColsealMappingException(where + ": @Encrypted on an embedded attribute; put @Encrypted on the"
          + " embeddable's fields instead");
    } else {
      throw new ColsealMappingException(where + ": @Encrypted applies to basic attributes and element"
          + " collections, not to associations (" + value.getClass().getSimpleName() + ")");
    }
    if (basic.getColumnSpan() != 1 || !(basic.getColumn() instanceof Column column)) {
      throw new ColsealMappingException(where + ": @Encrypted needs exactly one physical column, not a formula");
    }
    Class<?> javaType = SupportedType.box(HibernateLine.rawType(HibernateLine.current().attributeType(property, basic,
        context)));
    String at = where;
    if (!SupportedType.isSupported(javaType)) {
      throw new ColsealMappingException(at + ": " + javaType.getName() + " cannot be @Encrypted; supported types are "
          + SupportedType.describeAll());
    }
    Storage storage = annotation.storage().resolveFor(javaType);
    EncryptionMode mode = annotation.deterministic() ? EncryptionMode.DETERMINISTIC : EncryptionMode.RANDOMIZED;
    if (annotation.algorithm() == io.colseal.ColumnAlgorithm.ARIA_256_GCM
        && (annotation.deterministic() || annotation.bindToRow())) {
      throw new ColsealMappingException(at + ": @Encrypted(algorithm = ARIA_256_GCM, "
          + (annotation.deterministic() ? "deterministic" : "bindToRow") + " = true): ARIA-256-GCM (envelope algorithm"
          + " 03) is randomized only; deterministic (02) and row-bound (05) columns are AES. Drop one of the two");
    }
    if (annotation.bindToRow()) {
      requireRowBindable(annotation, at, persistentClass, value, javaType, storage);
      mode = EncryptionMode.ROW_BOUND;
    }
    ColumnBinding binding = ColumnBinding.of(owner, property.getName(), table.getName(), column.getName(), javaType,
        storage, mode, annotation.algorithm(), "binder");

    if (basic.getResolution() == null) {
      EncryptingConverter<?, ?> converter = BuiltInConverters.create(javaType, storage);
      converter.bindColumn(binding);
      converter.classification(annotation.classification());
      basic.setJpaAttributeConverterDescriptor(
          HibernateLine.current().descriptor(new PerAttributeConverterDescriptor<>(converter)));
      // Snapshots for dirty checking copy the domain value with its own plan, not through the
      // converter; otherwise every load of a byte[] attribute would encrypt once.
      basic.setExplicitMutabilityPlanAccess(
          tc -> HibernateLine.javaType(tc.getJavaTypeRegistry(), javaType).getMutabilityPlan());
      sizeColumn(column, basic.isLob(), javaType, storage);
      return;
    }
    EncryptingConverter<?, ?> installed = colsealConverter(basic);
    if (installed == null || installed.javaType() != javaType || installed.storage() != storage) {
      throw new ColsealMappingException(where + ": Hibernate resolved this value before colseal could encrypt it;"
          + " it would be stored in plaintext. Report this mapping to colseal; a List instead of a Set,"
          + " or removing other converters from the attribute, avoids it");
    }
    installed.bindColumn(binding);
    installed.classification(annotation.classification());
    // Hibernate sized this column while resolving it early; size it again for the envelope.
    sizeColumn(column, basic.isLob(), javaType, storage);
    resetCachedSize(column);
  }

  /** {@code @Encrypted(bindToRow = true)} where the row's id is at hand when the value is read and written. */
  private static void requireRowBindable(Encrypted annotation, String where, @Nullable PersistentClass owner,
      Value value, Class<?> javaType, Storage storage) {
    if (annotation.deterministic()) {
      throw new ColsealMappingException(where + ": @Encrypted(deterministic = true, bindToRow = true): binding the row"
          + " gives equal values in different rows different envelopes, which breaks the equality search"
          + " deterministic columns exist for; choose one");
    }
    if (owner == null || value instanceof Collection) {
      throw new ColsealMappingException(where + ": bindToRow needs an attribute of the entity itself, not of an"
          + " embeddable or an element collection (their rows have no id of their own)");
    }
    boolean passThrough = javaType == String.class && storage == Storage.TEXT
        || javaType == byte[].class && storage == Storage.BINARY;
    if (!passThrough) {
      throw new ColsealMappingException(where + ": bindToRow supports String attributes stored as text and byte[]"
          + " attributes stored as binary; this one is " + javaType.getSimpleName() + " as " + storage);
    }
  }

  /**
   * {@link Column} caches its DDL size on first use and offers no way to reset it; an early
   * resolution has already filled the cache with the plaintext size. Clearing the private cache is
   * the only way to make generated DDL fit; if a future Hibernate removes the field, the mapping
   * fails with instructions instead of producing a column too short for the envelope.
   */
  private static void resetCachedSize(Column column) {
    try {
      java.lang.reflect.Field f = Column.class.getDeclaredField("columnSize");
      f.setAccessible(true);
      f.set(column, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ColsealMappingException("column " + column.getName() + " was sized by Hibernate before colseal could"
          + " widen it for the envelope; declare @Column(length = " + column.getLength() + ") explicitly, or use a"
          + " List instead of a Set (" + e.getClass().getSimpleName() + ")");
    }
  }

  static @Nullable EncryptingConverter<?, ?> colsealConverter(BasicValue basic) {
    BasicValue.Resolution<?> resolution = basic.getResolution();
    if (resolution != null
        && resolution.getValueConverter() instanceof JpaAttributeConverter<?, ?> jpa
        && jpa.getConverterBean().getBeanInstance() instanceof EncryptingConverter<?, ?> converter) {
      return converter;
    }
    return null;
  }

  /**
   * Makes generated DDL fit the envelope: the declared length is read as the plaintext length
   * (characters for strings) and widened to the longest envelope. LOB columns are left alone.
   */
  private static void sizeColumn(Column column, boolean lob, Class<?> javaType, Storage storage) {
    if (lob) {
      return;
    }
    long declared = javaType == java.math.BigDecimal.class
        ? (column.getPrecision() != null ? column.getPrecision() : 38)
        : (column.getLength() != null ? column.getLength() : 255);
    column.setLength(SupportedType.maxStoredLength(javaType, storage, declared));
  }
}
