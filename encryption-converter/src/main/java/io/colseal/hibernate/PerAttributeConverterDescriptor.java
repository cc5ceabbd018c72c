package io.colseal.hibernate;

import io.colseal.Storage;
import jakarta.persistence.AttributeConverter;
import java.lang.reflect.Type;
import org.hibernate.boot.model.convert.spi.AutoApplicableConverterDescriptor;
import org.hibernate.boot.model.convert.spi.ConverterDescriptor;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.models.spi.MemberDetails;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * Installs one given converter instance on one column. Equality is identity, so Hibernate never
 * merges the converters of two columns.
 */
final class PerAttributeConverterDescriptor<X, Y> implements ConverterDescriptor<X, Y> {
  private final EncryptingConverter<X, Y> instance;

  PerAttributeConverterDescriptor(EncryptingConverter<X, Y> instance) {
    this.instance = instance;
  }

  static Class<?> relationalClass(Storage storage) {
    return storage == Storage.BINARY ? byte[].class : String.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<? extends AttributeConverter<X, Y>> getAttributeConverterClass() {
    return (Class<? extends AttributeConverter<X, Y>>) instance.getClass();
  }

  @Override
  public Type getDomainValueResolvedType() {
    return instance.javaType();
  }

  @Override
  public Type getRelationalValueResolvedType() {
    return relationalClass(instance.storage());
  }

  @Override
  public AutoApplicableConverterDescriptor getAutoApplyDescriptor() {
    return NotAutoApplied.INSTANCE;
  }

  @Override
  public JpaAttributeConverter<X, Y> createJpaAttributeConverter(JpaAttributeConverterCreationContext context) {
    return wrap(instance, context);
  }

  @SuppressWarnings("unchecked")
  static <X, Y> JpaAttributeConverter<X, Y> wrap(EncryptingConverter<X, Y> converter, JpaAttributeConverterCreationContext context) {
    var registry = context.getJavaTypeRegistry();
    return new ColsealJpaConverter<>(
        converter,
        RedactingJavaTypes.domainType(converter.javaType()),
        registry.resolveDescriptor((Class<Y>) relationalClass(converter.storage())),
        registry.resolveDescriptor((Class<EncryptingConverter<X, Y>>) converter.getClass()));
  }

  /** The "not auto-applied" answer, without Hibernate's internal singleton. */
  enum NotAutoApplied implements AutoApplicableConverterDescriptor {
    INSTANCE;

    @Override
    public boolean isAutoApplicable() {
      return false;
    }

    @Override
    public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForAttribute(
        MemberDetails memberDetails, MetadataBuildingContext context) {
      return null;
    }

    @Override
    public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForCollectionElement(
        MemberDetails memberDetails, MetadataBuildingContext context) {
      return null;
    }

    @Override
    public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForMapKey(
        MemberDetails memberDetails, MetadataBuildingContext context) {
      return null;
    }
  }
}
