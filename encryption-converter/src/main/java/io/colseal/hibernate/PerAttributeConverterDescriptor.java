package io.colseal.hibernate;

import io.colseal.Storage;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;

/**
 * Installs one given converter instance on one column ({@link HibernateLine#descriptor} makes it a
 * descriptor of the running Hibernate, whose equality is identity, so Hibernate never merges the
 * converters of two columns).
 */
final class PerAttributeConverterDescriptor<X, Y> implements ConverterSpec {
  private final EncryptingConverter<X, Y> instance;

  PerAttributeConverterDescriptor(EncryptingConverter<X, Y> instance) {
    this.instance = instance;
  }

  static Class<?> relationalClass(Storage storage) {
    return storage == Storage.BINARY ? byte[].class : String.class;
  }

  @Override
  public Class<?> converterClass() {
    return instance.getClass();
  }

  @Override
  public Class<?> domainType() {
    return instance.javaType();
  }

  @Override
  public Class<?> relationalType() {
    return relationalClass(instance.storage());
  }

  @Override
  public JpaAttributeConverter<X, Y> create(JpaAttributeConverterCreationContext context) {
    return wrap(instance, context);
  }

  @SuppressWarnings("unchecked")
  static <X, Y> JpaAttributeConverter<X, Y> wrap(EncryptingConverter<X, Y> converter, JpaAttributeConverterCreationContext context) {
    var registry = context.getJavaTypeRegistry();
    return new ColsealJpaConverter<>(
        converter,
        RedactingJavaTypes.domainType(converter.javaType()),
        HibernateLine.javaType(registry, (Class<Y>) relationalClass(converter.storage())),
        HibernateLine.javaType(registry, (Class<EncryptingConverter<X, Y>>) converter.getClass()));
  }

  @Override
  public String toString() {
    return "PerAttributeConverterDescriptor[" + instance + "]";
  }
}
