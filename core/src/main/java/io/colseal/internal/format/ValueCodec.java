package io.colseal.internal.format;

/**
 * Encodes one Java type into the plaintext bytes of an envelope and back. The encodings are part
 * of the format ({@code docs/reference/ciphertext-format.md}, "Value encodings") and never change
 * for a type once released.
 *
 * @param <T> the Java type
 */
public interface ValueCodec<T> {
  /** The Java type handled, boxed for primitives. */
  Class<T> type();

  /**
   * The plaintext bytes of {@code value}; {@code value} is never null. A fresh array the caller may
   * zero, except for {@code byte[]}, whose encoding is the value's own array.
   */
  byte[] encode(T value);

  /**
   * The value for {@code bytes}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoding of this type; the
   *     message names the type only
   */
  T decode(byte[] bytes);

  /**
   * Largest encoding for a column declared with {@code length} (characters for strings, bytes for
   * byte arrays, digits for decimals); used to size generated DDL.
   */
  long maxEncodedLength(long length);
}
