package io.colseal.hibernate;

import io.colseal.BlindIndexer;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.ColsealMappingException;
import org.hibernate.binder.AttributeBinder;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code @BlindIndex}: installs a {@link BlindIndexConverter} of its own on the attribute's
 * one physical column, and sizes the column for the longest index value. The source attribute is
 * checked by {@link BlindIndexScan} once the whole model is bound.
 */
public final class BlindIndexAttributeBinder implements AttributeBinder<BlindIndex> {
  /** Created by Hibernate, through {@code @BlindIndex}; applications never need to. */
  public BlindIndexAttributeBinder() {}

  @Override
  public void bind(BlindIndex annotation, MetadataBuildingContext context, @Nullable PersistentClass persistentClass,
      Property property) {
    if (persistentClass == null) {
      // Hibernate's error wrapper cannot report a failure here (it dereferences the null entity);
      // BlindIndexScan finds the generator without a converter and fails the build instead.
      return;
    }
    String where = persistentClass.getEntityName() + '.' + property.getName();
    if (!(property.getValue() instanceof BasicValue basic) || basic.getColumnSpan() != 1
        || !(basic.getColumn() instanceof Column column)) {
      throw new ColsealMappingException(where + ": @BlindIndex needs a basic String attribute with one column");
    }
    Class<?> type = HibernateLine.rawType(HibernateLine.current().attributeType(property, basic, context));
    if (type != String.class) {
      throw new ColsealMappingException(where + ": @BlindIndex attributes are String, not " + type.getName());
    }
    if (annotation.bits() < 0 || annotation.bits() > 256) {
      throw new ColsealMappingException(where + ": @BlindIndex(bits) must be 0 (no truncation) or 1..256, got "
          + annotation.bits());
    }
    if (annotation.of().equals(property.getName())) {
      throw new ColsealMappingException(where + ": @BlindIndex(of) names the index attribute itself");
    }
    if (basic.getResolution() != null) {
      throw new ColsealMappingException(where + ": Hibernate resolved this attribute before colseal could install"
          + " its blind index; remove other converters or types from it");
    }
    BlindIndexConverter converter = new BlindIndexConverter(persistentClass.getEntityName(), property.getName(),
        annotation.of(), basic.getTable().getName(), column.getName(), annotation.normalizer(), annotation.bits());
    basic.setJpaAttributeConverterDescriptor(
        HibernateLine.current().descriptor(new BlindIndexJpaConverter.Descriptor(converter)));
    column.setLength(BlindIndexer.MAX_LENGTH);
  }

  static @Nullable BlindIndexConverter converter(BasicValue basic) {
    BasicValue.Resolution<?> resolution = basic.getResolution();
    if (resolution != null && resolution.getValueConverter() instanceof BlindIndexJpaConverter jpa) {
      return jpa.converter();
    }
    return null;
  }
}
