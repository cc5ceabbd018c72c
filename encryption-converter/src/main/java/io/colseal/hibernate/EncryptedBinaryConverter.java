package io.colseal.hibernate;

import io.colseal.Storage;

/** Base for a plain {@code @Convert} converter that stores one column as binary; see {@link EncryptedTextConverter}. */
public abstract class EncryptedBinaryConverter<T> extends EncryptingConverter<T, byte[]> {
  protected EncryptedBinaryConverter(Class<T> javaType) {
    super(javaType, Storage.BINARY);
  }
}
