package io.colseal.hibernate;

import jakarta.persistence.AttributeConverter;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.resource.beans.spi.ManagedBean;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.hibernate.type.descriptor.java.JavaType;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate's view of one {@link BlindIndexConverter}: its domain type masks values in Hibernate's
 * logs (after a write the attribute holds the source plaintext), and colseal's exceptions reach
 * the caller unwrapped.
 */
final class BlindIndexJpaConverter implements JpaAttributeConverter<String, String> {
  private final BlindIndexConverter converter;
  private final JavaType<String> domainType;
  private final JavaType<String> relationalType;
  private final JavaType<BlindIndexConverter> converterType;

  private BlindIndexJpaConverter(BlindIndexConverter converter, JpaAttributeConverterCreationContext context) {
    this.converter = converter;
    this.domainType = RedactingJavaTypes.domainType(String.class);
    this.relationalType = HibernateLine.javaType(context.getJavaTypeRegistry(), String.class);
    this.converterType = HibernateLine.javaType(context.getJavaTypeRegistry(), BlindIndexConverter.class);
  }

  BlindIndexConverter converter() {
    return converter;
  }

  @Override
  public @Nullable String toDomainValue(@Nullable String relationalForm) {
    return converter.convertToEntityAttribute(relationalForm);
  }

  @Override
  public @Nullable String toRelationalValue(@Nullable String domainForm) {
    return converter.convertToDatabaseColumn(domainForm);
  }

  @Override
  public JavaType<String> getDomainJavaType() {
    return domainType;
  }

  @Override
  public JavaType<String> getRelationalJavaType() {
    return relationalType;
  }

  @Override
  public JavaType<? extends AttributeConverter<String, String>> getConverterJavaType() {
    return converterType;
  }

  @Override
  public ManagedBean<? extends AttributeConverter<String, String>> getConverterBean() {
    return new ManagedBean<BlindIndexConverter>() {
      @Override
      public Class<BlindIndexConverter> getBeanClass() {
        return BlindIndexConverter.class;
      }

      @Override
      public BlindIndexConverter getBeanInstance() {
        return converter;
      }
    };
  }

  @Override
  public String toString() {
    return "BlindIndexJpaConverter[" + converter + "]";
  }

  /**
   * Installs one {@link BlindIndexConverter} instance on one column ({@link HibernateLine#descriptor}
   * makes it a descriptor of the running Hibernate, whose equality is identity).
   */
  static final class Descriptor implements ConverterSpec {
    private final BlindIndexConverter instance;

    Descriptor(BlindIndexConverter instance) {
      this.instance = instance;
    }

    @Override
    public Class<?> converterClass() {
      return BlindIndexConverter.class;
    }

    @Override
    public Class<?> domainType() {
      return String.class;
    }

    @Override
    public Class<?> relationalType() {
      return String.class;
    }

    @Override
    public JpaAttributeConverter<String, String> create(JpaAttributeConverterCreationContext context) {
      return new BlindIndexJpaConverter(instance, context);
    }

    @Override
    public String toString() {
      return "BlindIndexJpaConverter.Descriptor[" + instance + "]";
    }
  }
}
