package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.format.StrictBase64;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens envelopes for one (table, column). The associated data (header | column binding)
 * depends only on the key version, so it is built once per version and cached here. Thread safe.
 */
public final class ColumnSealer {
  private final byte[] columnBinding;
  private final Map<Integer, byte[]> aadByVersion = new ConcurrentHashMap<>();

  public ColumnSealer(String table, String column) {
    this.columnBinding = EnvelopeFormat.columnBinding(table, column);
  }

  /** header(key) | column binding; the header of an accepted envelope equals its key's header. */
  private byte[] aad(DataKey key) {
    byte[] aad = aadByVersion.get(key.version());
    if (aad == null) {
      byte[] header = key.header();
      aad = Arrays.copyOf(header, header.length + columnBinding.length);
      System.arraycopy(columnBinding, 0, aad, header.length, columnBinding.length);
      aadByVersion.put(key.version(), aad);
    }
    return aad;
  }

  /** A binary envelope of {@code plaintext} under {@code key}. */
  public byte[] sealBinary(DataKey key, byte[] plaintext) {
    byte[] out = new byte[EnvelopeFormat.BINARY_OVERHEAD + plaintext.length];
    System.arraycopy(key.header(), 0, out, 0, EnvelopeFormat.HEADER_LENGTH);
    AesGcm.seal(key.jceKey(), aad(key), plaintext, out);
    return out;
  }

  /** A text envelope of {@code plaintext} under {@code key}. */
  public String sealText(DataKey key, byte[] plaintext) {
    byte[] binary = sealBinary(key, plaintext);
    return StrictBase64.encode(key.textHeader(), binary, EnvelopeFormat.HEADER_LENGTH, binary.length - EnvelopeFormat.HEADER_LENGTH);
  }

  /** Looks up the data key named by an envelope header. */
  @FunctionalInterface
  public interface KeyLookup {
    DataKey key(int version);
  }

  /**
   * Opens a binary envelope.
   *
   * @return the plaintext, or null if the envelope is well formed but not authentic
   * @throws MalformedEnvelopeException if it is not an envelope at all
   */
  public byte @Nullable [] openBinary(byte[] envelope, KeyLookup keys) throws MalformedEnvelopeException {
    EnvelopeFormat.Header h = EnvelopeFormat.parseBinary(envelope);
    DataKey key = keys.key(h.keyVersion());
    if (key.algorithm() != h.algorithm()) {
      return null;
    }
    // parseBinary accepted only the exact magic and format bytes, and the version and algorithm
    // match the key, so the envelope's header equals key.header() and the cached AAD applies.
    int off = EnvelopeFormat.HEADER_LENGTH;
    return AesGcm.open(key.jceKey(), aad(key), envelope, off, envelope.length - off);
  }

  /** Opens a text envelope; see {@link #openBinary}. */
  public byte @Nullable [] openText(String envelope, KeyLookup keys) throws MalformedEnvelopeException {
    EnvelopeFormat.Header h = EnvelopeFormat.parseText(envelope);
    byte[] body = StrictBase64.decode(envelope, EnvelopeFormat.TEXT_HEADER_LENGTH);
    DataKey key = keys.key(h.keyVersion());
    if (key.algorithm() != h.algorithm()) {
      return null;
    }
    return AesGcm.open(key.jceKey(), aad(key), body, 0, body.length); // body is ciphertext: nothing to zero
  }

  /** The key version in a header, for error messages; 0 if unreadable. */
  public static int versionOf(Object envelope) {
    try {
      return envelope instanceof String s
          ? EnvelopeFormat.parseText(s).keyVersion()
          : EnvelopeFormat.parseBinary((byte[]) envelope).keyVersion();
    } catch (MalformedEnvelopeException e) {
      return e.keyVersion();
    }
  }
}
