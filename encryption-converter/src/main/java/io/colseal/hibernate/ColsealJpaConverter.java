package io.colseal.hibernate;

import jakarta.persistence.AttributeConverter;
import org.hibernate.resource.beans.spi.ManagedBean;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.hibernate.type.descriptor.java.JavaType;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate's view of one {@link EncryptingConverter} instance. Unlike Hibernate's own wrapper it
 * does not wrap colseal's exceptions in a {@code PersistenceException} with the converter's
 * message, so callers see the typed {@link io.colseal.exception.ColsealException}.
 */
final class ColsealJpaConverter<O, R> implements JpaAttributeConverter<O, R> {
  private final EncryptingConverter<O, R> converter;
  private final JavaType<O> domainType;
  private final JavaType<R> relationalType;
  private final JavaType<? extends AttributeConverter<O, R>> converterType;

  ColsealJpaConverter(
      EncryptingConverter<O, R> converter,
      JavaType<O> domainType,
      JavaType<R> relationalType,
      JavaType<? extends AttributeConverter<O, R>> converterType) {
    this.converter = converter;
    this.domainType = domainType;
    this.relationalType = relationalType;
    this.converterType = converterType;
  }

  EncryptingConverter<O, R> converter() {
    return converter;
  }

  @Override
  public @Nullable O toDomainValue(@Nullable R relationalForm) {
    return converter.convertToEntityAttribute(relationalForm);
  }

  @Override
  public @Nullable R toRelationalValue(@Nullable O domainForm) {
    return converter.convertToDatabaseColumn(domainForm);
  }

  @Override
  public JavaType<O> getDomainJavaType() {
    return domainType;
  }

  @Override
  public JavaType<R> getRelationalJavaType() {
    return relationalType;
  }

  @Override
  public JavaType<? extends AttributeConverter<O, R>> getConverterJavaType() {
    return converterType;
  }

  @Override
  public ManagedBean<? extends AttributeConverter<O, R>> getConverterBean() {
    return new ManagedBean<EncryptingConverter<O, R>>() {
      @Override
      @SuppressWarnings("unchecked")
      public Class<EncryptingConverter<O, R>> getBeanClass() {
        return (Class<EncryptingConverter<O, R>>) converter.getClass();
      }

      @Override
      public EncryptingConverter<O, R> getBeanInstance() {
        return converter;
      }
    };
  }

  @Override
  public String toString() {
    return "ColsealJpaConverter[" + converter + "]";
  }
}
