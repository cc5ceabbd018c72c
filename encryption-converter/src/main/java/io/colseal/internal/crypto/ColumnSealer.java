package io.colseal.internal.crypto;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.format.StrictBase64;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens envelopes for one (table, column): the column binding of the associated data is
 * computed once here. Stateless apart from that; thread safe.
 */
public final class ColumnSealer {
  private final byte[] columnBinding;

  public ColumnSealer(String table, String column) {
    this.columnBinding = EnvelopeFormat.columnBinding(table, column);
  }

  /** A binary envelope of {@code plaintext} under {@code key}. */
  public byte[] sealBinary(DataKey key, byte[] plaintext) {
    byte[] out = new byte[EnvelopeFormat.BINARY_OVERHEAD + plaintext.length];
    System.arraycopy(key.header(), 0, out, 0, EnvelopeFormat.HEADER_LENGTH);
    AesGcm.seal(key.jceKey(), columnBinding, plaintext, out);
    key.countEncryption();
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
    int off = EnvelopeFormat.HEADER_LENGTH;
    return AesGcm.open(key.jceKey(), envelope, 0, columnBinding, envelope, off, envelope.length - off);
  }

  /** Opens a text envelope; see {@link #openBinary}. */
  public byte @Nullable [] openText(String envelope, KeyLookup keys) throws MalformedEnvelopeException {
    EnvelopeFormat.Header h = EnvelopeFormat.parseText(envelope);
    byte[] body = StrictBase64.decode(envelope, EnvelopeFormat.TEXT_HEADER_LENGTH);
    DataKey key = keys.key(h.keyVersion());
    if (key.algorithm() != h.algorithm()) {
      return null;
    }
    try {
      return AesGcm.open(key.jceKey(), key.header(), 0, columnBinding, body, 0, body.length);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
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
