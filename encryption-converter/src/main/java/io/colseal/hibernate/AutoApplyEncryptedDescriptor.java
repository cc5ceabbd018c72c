package io.colseal.hibernate;

import io.colseal.Storage;
import io.colseal.SupportedType;
import io.colseal.hibernate.Encrypted;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * Safety net for values Hibernate resolves before attribute binders run (elements of a {@code
 * Set} element collection): applies a fresh colseal converter to every {@code @Encrypted} member of
 * one (Java type, storage), so such values can never be bound without encryption. The binder then
 * gives the converter its table and column. Registered by {@link ColsealMetadataBuilderInitializer}
 * as a descriptor of the running Hibernate ({@link HibernateLine#descriptor}); Hibernate hands it
 * each candidate member, which {@link HibernateLine#javaMember} turns into a Java field or method.
 */
final class AutoApplyEncryptedDescriptor<X, Y> implements ConverterSpec, ConverterSpec.AutoApply {
  private final Class<X> javaType;
  private final Storage storage;

  AutoApplyEncryptedDescriptor(Class<X> javaType, Storage storage) {
    this.javaType = javaType;
    this.storage = storage;
  }

  @Override
  public Class<?> converterClass() {
    return BuiltInConverters.converterClass(javaType, storage);
  }

  @Override
  public Class<?> domainType() {
    return javaType;
  }

  @Override
  public Class<?> relationalType() {
    return PerAttributeConverterDescriptor.relationalClass(storage);
  }

  @Override
  @SuppressWarnings("unchecked")
  public JpaAttributeConverter<X, Y> create(JpaAttributeConverterCreationContext context) {
    // A fresh instance per value: Hibernate calls this once per BasicValue it resolves.
    EncryptingConverter<X, Y> converter = (EncryptingConverter<X, Y>) BuiltInConverters.create(javaType, storage);
    return PerAttributeConverterDescriptor.wrap(converter, context);
  }

  @Override
  public AutoApply autoApply() {
    return this;
  }

  @Override
  public boolean toAttribute(Member member) {
    Encrypted e = encrypted(member);
    return e != null && matches(SupportedType.box(rawType(genericType(member))), e);
  }

  @Override
  public boolean toCollectionElement(Member member) {
    Encrypted e = encrypted(member);
    if (e == null) {
      return false;
    }
    Type generic = genericType(member);
    Class<?> raw = rawType(generic);
    if (!(generic instanceof ParameterizedType p)) {
      return false;
    }
    Type element;
    if (Map.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 2) {
      element = p.getActualTypeArguments()[1];
    } else if (Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
      element = p.getActualTypeArguments()[0];
    } else {
      return false;
    }
    return matches(SupportedType.box(rawType(element)), e);
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
    return HibernateLine.rawType(type);
  }

  @Override
  public String toString() {
    return "AutoApplyEncryptedDescriptor[" + javaType.getSimpleName() + ", " + storage + "]";
  }
}
