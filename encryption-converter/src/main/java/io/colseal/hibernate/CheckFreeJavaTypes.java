package io.colseal.hibernate;

import org.hibernate.dialect.Dialect;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.type.descriptor.java.BooleanJavaType;
import org.hibernate.type.descriptor.java.EnumJavaType;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.spi.JavaTypeRegistry;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.jspecify.annotations.Nullable;

/**
 * Domain Java types for encrypted attributes. Hibernate derives a CHECK constraint for converted
 * Boolean and enum columns by converting every possible value at boot ({@code flag in ('...',
 * '...')}); with encryption those values are random, so the constraint would reject every row.
 * These variants declare no check condition and behave like Hibernate's own types otherwise.
 */
final class CheckFreeJavaTypes {
  private CheckFreeJavaTypes() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> JavaType<T> domainType(JavaTypeRegistry registry, Class<T> javaType) {
    if (javaType == Boolean.class) {
      return (JavaType<T>) new CheckFreeBoolean();
    }
    if (javaType.isEnum()) {
      return (JavaType<T>) new CheckFreeEnum(javaType);
    }
    return registry.resolveDescriptor(javaType);
  }

  private static final class CheckFreeBoolean extends BooleanJavaType {
    private static final long serialVersionUID = 1L;

    @Override
    public @Nullable String getCheckCondition(
        String columnName, JdbcType jdbcType, BasicValueConverter<Boolean, ?> converter, Dialect dialect) {
      return null;
    }
  }

  private static final class CheckFreeEnum<E extends Enum<E>> extends EnumJavaType<E> {
    private static final long serialVersionUID = 1L;

    CheckFreeEnum(Class<E> type) {
      super(type);
    }

    @Override
    public @Nullable String getCheckCondition(
        String columnName, JdbcType jdbcType, BasicValueConverter<E, ?> converter, Dialect dialect) {
      return null;
    }
  }
}
