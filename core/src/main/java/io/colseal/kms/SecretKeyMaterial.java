package io.colseal.kms;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Plaintext key bytes held in memory, zeroed on {@link #close()}.
 *
 * <p>The object keeps its own copy of the bytes given to it. Bytes leave only through {@link
 * #exposeBytes(InsecureKeyAccess)}, which returns a fresh copy that the caller must zero. There is no {@code
 * equals}/{@code hashCode}, and {@link #toString()} never shows the bytes. Compare keys with their
 * key check values, not with their bytes.
 *
 * <p>Thread safety: safe to read from several threads until closed; closing while another thread
 * reads gives that thread an {@link IllegalStateException}.
 */
public final class SecretKeyMaterial implements AutoCloseable {
  private final byte[] bytes;
  private volatile boolean closed;

  private SecretKeyMaterial(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller remains responsible for zeroing its own array. */
  public static SecretKeyMaterial copyOf(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, got " + bytes.length);
    }
    return new SecretKeyMaterial(bytes.clone());
  }

  /**
   * Takes ownership of {@code bytes} without copying and zeroes them on close. For callers that
   * built the array themselves and keep no other reference to it.
   */
  public static SecretKeyMaterial adopt(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    if (bytes.length != 32) {
      Arrays.fill(bytes, (byte) 0);
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, got " + bytes.length);
    }
    return new SecretKeyMaterial(bytes);
  }

  /**
   * A copy of the key bytes. The caller must zero it ({@code Arrays.fill(b, (byte) 0)}).
   *
   * @param access {@link InsecureKeyAccess#get()}: reading key bytes is explicit and searchable
   */
  public byte[] exposeBytes(InsecureKeyAccess access) {
    requireNonNull(access, "access");
    if (closed) {
      throw new IllegalStateException("key material was closed");
    }
    return bytes.clone();
  }

  /** Key length in bytes. */
  public int length() {
    return bytes.length;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Zeroes the bytes. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "SecretKeyMaterial[AES-256, redacted]";
  }
}
