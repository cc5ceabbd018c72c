package io.colseal.mybatis;

import io.colseal.SupportedType;
import io.colseal.exception.ErrorCode;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Reads a handler class's annotation and type argument; every failure names the class. */
final class Declarations {
  private Declarations() {}

  static <A extends Annotation> A annotation(Class<?> handler, Class<A> type, Class<?> base) {
    A a = handler.getAnnotation(type);
    if (a == null) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, handler.getName() + " extends "
          + base.getSimpleName() + " but has no @" + type.getSimpleName() + "(table = ..., column = ...)"
          + ": colseal cannot know which column it encrypts");
    }
    return a;
  }

  /** The Java type {@code handler} gives {@link EncryptedTypeHandler}'s type parameter. */
  static Class<?> javaType(Class<?> handler) {
    Class<?> c = handler;
    while (c.getSuperclass() != EncryptedTypeHandler.class) {
      c = c.getSuperclass();
    }
    Type arg = c.getGenericSuperclass() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
    if (!(arg instanceof Class<?> type)) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, handler.getName()
          + " must name its Java type: extends EncryptedTypeHandler<String> (or another supported type), found "
          + (arg == null ? "a raw EncryptedTypeHandler" : arg.getTypeName()));
    }
    if (!SupportedType.isSupported(type)) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, handler.getName() + ": " + type.getName()
          + " cannot be encrypted; supported types: " + SupportedType.describeAll());
    }
    return type;
  }

  static ColsealMyBatisException unbound(Class<?> handler, String table, String column) {
    return new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "MyBatis type handler " + handler.getName() + " ("
        + table + '.' + column + ") is not bound to a Colseal instance: MyBatis created it itself. Pass the class to"
        + " ColsealMyBatis.configure(configuration, colseal, ...) before the mappers that name it are loaded");
  }
}
