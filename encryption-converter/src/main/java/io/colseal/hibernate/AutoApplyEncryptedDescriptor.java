package io.colseal.hibernate;

import io.colseal.Storage;
import io.colseal.SupportedType;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.AttributeConverter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.hibernate.boot.model.convert.spi.AutoApplicableConverterDescriptor;
import org.hibernate.boot.model.convert.spi.ConverterDescriptor;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.models.spi.MemberDetails;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * Safety net for values Hibernate resolves before attribute binders run (elements of a {@code
 * Set} element collection): applies a fresh colseal converter to every {@code @Encrypted} member of
 * one (Java type, storage), so such values can never be bound without encryption. The binder then
 * gives the converter its table and column. Registered by {@link ColsealMetadataBuilderInitializer}.
 */
final class AutoApplyEncryptedDescriptor<X, Y> implements ConverterDescriptor<X, Y>, AutoApplicableConverterDescriptor {
  private final Class<X> javaType;
  private final Storage storage;

  AutoApplyEncryptedDescriptor(Class<X> javaType, Storage storage) {
    this.javaType = javaType;
    this.storage = storage;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<? extends AttributeConverter<X, Y>> getAttributeConverterClass() {
    return (Class<? extends AttributeConverter<X, Y>>) BuiltInConverters.converterClass(javaType, storage);
  }

  @Override
  public Type getDomainValueResolvedType() {
    return javaType;
  }

  @Override
  public Type getRelationalValueResolvedType() {
    return PerAttributeConverterDescriptor.relationalClass(storage);
  }

  @Override
  public AutoApplicableConverterDescriptor getAutoApplyDescriptor() {
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public JpaAttributeConverter<X, Y> createJpaAttributeConverter(JpaAttributeConverterCreationContext context) {
    // A fresh instance per value: Hibernate calls this once per BasicValue it resolves.
    EncryptingConverter<X, Y> converter = (EncryptingConverter<X, Y>) BuiltInConverters.create(javaType, storage);
    return PerAttributeConverterDescriptor.wrap(converter, context);
  }

  @Override
  public boolean isAutoApplicable() {
    return true;
  }

  @Override
  public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForAttribute(
      MemberDetails memberDetails, MetadataBuildingContext context) {
    Member member = memberDetails.toJavaMember();
    Encrypted e = encrypted(member);
    if (e == null) {
      return null;
    }
    Class<?> type = SupportedType.box(rawType(genericType(member)));
    return matches(type, e) ? this : null;
  }

  @Override
  public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForCollectionElement(
      MemberDetails memberDetails, MetadataBuildingContext context) {
    Member member = memberDetails.toJavaMember();
    Encrypted e = encrypted(member);
    if (e == null) {
      return null;
    }
    Type generic = genericType(member);
    Class<?> raw = rawType(generic);
    if (!(generic instanceof ParameterizedType p)) {
      return null;
    }
    Type element;
    if (Map.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 2) {
      element = p.getActualTypeArguments()[1];
    } else if (Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
      element = p.getActualTypeArguments()[0];
    } else {
      return null;
    }
    return matches(SupportedType.box(rawType(element)), e) ? this : null;
  }

  @Override
  public @Nullable ConverterDescriptor<?, ?> getAutoAppliedConverterDescriptorForMapKey(
      MemberDetails memberDetails, MetadataBuildingContext context) {
    return null;
  }

  private boolean matches(Class<?> type, Encrypted e) {
    return type == javaType && e.storage().resolveFor(type) == storage;
  }

  private static @Nullable Encrypted encrypted(@Nullable Member member) {
    return member instanceof AnnotatedElement a ? a.getAnnotation(Encrypted.class) : null;
  }

  private static Type genericType(Member member) {
    if (member instanceof Field f) {
      return f.getGenericType();
    }
    if (member instanceof Method m) {
      return m.getGenericReturnType();
    }
    return Object.class;
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  @Override
  public String toString() {
    return "AutoApplyEncryptedDescriptor[" + javaType.getSimpleName() + ", " + storage + "]";
  }
}
