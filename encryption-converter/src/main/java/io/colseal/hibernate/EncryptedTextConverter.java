package io.colseal.hibernate;

import io.colseal.Storage;

/**
 * Base for a plain {@code @Convert} converter that stores one column as text:
 *
 * <pre>{@code
 * public class NoteBodyConverter extends EncryptedTextConverter<String> {
 *   public NoteBodyConverter() { super(String.class); }
 * }
 * @Convert(converter = NoteBodyConverter.class) String body;
 * }</pre>
 *
 * One subclass per column; see {@link EncryptingConverter}.
 */
public abstract class EncryptedTextConverter<T> extends EncryptingConverter<T, String> {
  protected EncryptedTextConverter(Class<T> javaType) {
    super(javaType, Storage.TEXT);
  }
}
