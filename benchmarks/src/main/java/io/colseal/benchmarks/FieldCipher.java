package io.colseal.benchmarks;

/**
 * One way of encrypting a single field value, as compared by the field benchmarks. Values are
 * byte arrays of the benchmark size; implementations that only take strings (Jasypt) get an ASCII
 * string of the same length.
 */
interface FieldCipher extends AutoCloseable {
  Object encrypt();

  Object decrypt(Object ciphertext);

  /** Encrypts then decrypts, returning the plaintext. */
  default Object roundTrip() {
    return decrypt(encrypt());
  }

  @Override
  default void close() throws Exception {}
}
