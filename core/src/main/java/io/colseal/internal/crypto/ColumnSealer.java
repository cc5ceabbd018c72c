package io.colseal.internal.crypto;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.format.StrictBase64;
import io.colseal.keys.Algorithm;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens envelopes for one (table, column), with any algorithm a data key supports:
 * {@link Algorithm#AES_256_GCM} (random nonce), {@link Algorithm#AES_256_GCM_SIV} (fixed nonce,
 * deterministic), {@link Algorithm#AES_256_GCM_COLUMN_KEY} (random nonce under the column's own
 * key, no associated data) or {@link Algorithm#AES_256_GCM_ROW_BOUND} (random nonce, the row's
 * {@linkplain io.colseal.internal.format.RowBinding row binding} after the associated data), or
 * {@link Algorithm#ARIA_256_GCM} (random nonce, ARIA from the configured JCA provider). The
 * associated data (header | column binding) depends only on the key version and the algorithm, so
 * it is built once per pair and cached here; the row binding is appended per value; column keys
 * are cached by the data key. Thread safe.
 */
public final class ColumnSealer {
  private static final String GCM_SIV_CLASS = "org.bouncycastle.crypto.modes.GCMSIVBlockCipher";
  private final ColumnBinding binding;
  private final Map<Integer, byte[]> gcmAad = new ConcurrentHashMap<>();
  private final Map<Integer, byte[]> sivAad = new ConcurrentHashMap<>();
  private final Map<Integer, byte[]> rowBoundAad = new ConcurrentHashMap<>();
  private final Map<Integer, byte[]> ariaAad = new ConcurrentHashMap<>();
  private final AriaGcm aria;

  /** A sealer whose ARIA-256-GCM values use BouncyCastle. */
  public ColumnSealer(String table, String column) {
    this(table, column, AriaGcm.bouncyCastle());
  }

  /** A sealer whose ARIA-256-GCM values use {@code aria} (the configured provider). */
  public ColumnSealer(String table, String column, AriaGcm aria) {
    this.binding = new ColumnBinding(table, column);
    this.aria = aria;
  }

  /**
   * Checks that AES-256-GCM-SIV can run here: BouncyCastle, which implements it, is loaded only
   * for deterministic values, so an application whose columns are all randomized may leave {@code
   * bcprov-jdk18on} out; a deterministic column must then fail when it is bound, not at its first
   * value.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the column if BouncyCastle is absent
   */
  public static void requireDeterministicSupport(String table, String column) {
    try {
      Class.forName(GCM_SIV_CLASS, false, ColumnSealer.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ColsealConfigException(table + '.' + column + " is DETERMINISTIC (AES-256-GCM-SIV), which needs"
          + " BouncyCastle, and " + GCM_SIV_CLASS + " is not on the class path: add org.bouncycastle:bcprov-jdk18on"
          + " (a dependency of colseal-core; was it excluded?), or make the column randomized");
    }
  }

  /** header(key, algorithm) | column binding; an accepted envelope's header equals that header. */
  private byte[] aad(DataKey key, Algorithm algorithm) {
    Map<Integer, byte[]> cache = algorithm == Algorithm.AES_256_GCM_SIV ? sivAad
        : algorithm == Algorithm.AES_256_GCM_ROW_BOUND ? rowBoundAad
        : algorithm == Algorithm.ARIA_256_GCM ? ariaAad : gcmAad;
    byte[] aad = cache.get(key.version());
    if (aad == null) {
      byte[] header = key.header(algorithm);
      byte[] columnBinding = binding.bytes();
      aad = Arrays.copyOf(header, header.length + columnBinding.length);
      System.arraycopy(columnBinding, 0, aad, header.length, columnBinding.length);
      cache.put(key.version(), aad);
    }
    return aad;
  }

  /** header(key, 05) | column binding | row binding: the associated data of one row-bound value. */
  private byte[] rowAad(DataKey key, byte[] rowBinding) {
    byte[] columnAad = aad(key, Algorithm.AES_256_GCM_ROW_BOUND);
    byte[] aad = Arrays.copyOf(columnAad, columnAad.length + rowBinding.length);
    System.arraycopy(rowBinding, 0, aad, columnAad.length, rowBinding.length);
    return aad;
  }

  /** A binary AES-256-GCM envelope of {@code plaintext} under {@code key}. */
  public byte[] sealBinary(DataKey key, byte[] plaintext) {
    return sealBinary(key, Algorithm.AES_256_GCM, plaintext);
  }

  /**
   * A binary envelope of {@code plaintext} under {@code key} with {@code algorithm}: random for
   * AES_256_GCM and AES_256_GCM_COLUMN_KEY, the same for the same plaintext for AES_256_GCM_SIV.
   * Not for AES_256_GCM_ROW_BOUND, which needs a row binding.
   */
  public byte[] sealBinary(DataKey key, Algorithm algorithm, byte[] plaintext) {
    return sealBinary(key, algorithm, plaintext, null);
  }

  /**
   * A binary envelope of {@code plaintext} under {@code key} with {@code algorithm}; {@code
   * rowBinding} ({@link io.colseal.internal.format.RowBinding#encode}) is required for
   * AES_256_GCM_ROW_BOUND and ignored by the other algorithms.
   */
  public byte[] sealBinary(DataKey key, Algorithm algorithm, byte[] plaintext, byte @Nullable [] rowBinding) {
    byte[] out = new byte[EnvelopeFormat.binaryOverhead(algorithm) + plaintext.length];
    System.arraycopy(key.header(algorithm), 0, out, 0, EnvelopeFormat.HEADER_LENGTH);
    switch (algorithm) {
      case AES_256_GCM_SIV -> AesGcmSiv.seal(key.sivKey(), aad(key, algorithm), plaintext, out,
          EnvelopeFormat.HEADER_LENGTH);
      case AES_256_GCM_COLUMN_KEY -> AesGcm.seal(key.columnKey(binding), null, plaintext, out);
      case AES_256_GCM -> AesGcm.seal(key.jceKey(), aad(key, algorithm), plaintext, out);
      case ARIA_256_GCM -> aria.seal(key.ariaKey(), aad(key, algorithm), plaintext, out);
      case AES_256_GCM_ROW_BOUND -> {
        if (rowBinding == null) {
          throw new IllegalArgumentException(algorithm + " needs a row binding");
        }
        AesGcm.seal(key.jceKey(), rowAad(key, rowBinding), plaintext, out);
      }
      default -> throw new IllegalArgumentException(algorithm + " does not seal values");
    }
    return out;
  }

  /** A text AES-256-GCM envelope of {@code plaintext} under {@code key}. */
  public String sealText(DataKey key, byte[] plaintext) {
    return sealText(key, Algorithm.AES_256_GCM, plaintext);
  }

  /** A text envelope of {@code plaintext} under {@code key} with {@code algorithm}. */
  public String sealText(DataKey key, Algorithm algorithm, byte[] plaintext) {
    return sealText(key, algorithm, plaintext, null);
  }

  /** A text envelope of {@code plaintext} under {@code key} with {@code algorithm}; see {@link #sealBinary}. */
  public String sealText(DataKey key, Algorithm algorithm, byte[] plaintext, byte @Nullable [] rowBinding) {
    byte[] binary = sealBinary(key, algorithm, plaintext, rowBinding);
    return StrictBase64.encode(key.textHeader(algorithm), binary, EnvelopeFormat.HEADER_LENGTH,
        binary.length - EnvelopeFormat.HEADER_LENGTH);
  }

  /** Looks up the data key named by an envelope header. */
  @FunctionalInterface
  public interface KeyLookup {
    DataKey key(int version);
  }

  /**
   * Opens a binary envelope of any algorithm; an AES_256_GCM_ROW_BOUND one does not open (null)
   * without its row binding.
   *
   * @return the plaintext, or null if the envelope is well formed but not authentic
   * @throws MalformedEnvelopeException if it is not an envelope at all
   */
  public byte @Nullable [] openBinary(byte[] envelope, KeyLookup keys) throws MalformedEnvelopeException {
    return openBinary(envelope, keys, null);
  }

  /**
   * Opens a binary envelope of any algorithm; {@code rowBinding} is used by AES_256_GCM_ROW_BOUND
   * envelopes only, which do not open without it.
   *
   * @return the plaintext, or null if the envelope is well formed but not authentic (for this row)
   * @throws MalformedEnvelopeException if it is not an envelope at all
   */
  public byte @Nullable [] openBinary(byte[] envelope, KeyLookup keys, byte @Nullable [] rowBinding)
      throws MalformedEnvelopeException {
    EnvelopeFormat.Header h = EnvelopeFormat.parseBinary(envelope);
    DataKey key = keys.key(h.keyVersion());
    // parseBinary accepted only the exact magic and format bytes, and the version and algorithm
    // match the key, so the envelope's header equals key.header(algorithm) and the cached AAD applies.
    int off = EnvelopeFormat.HEADER_LENGTH;
    return open(key, h.algorithm(), envelope, off, envelope.length - off, rowBinding);
  }

  /** Opens a text envelope; see {@link #openBinary(byte[], KeyLookup)}. */
  public byte @Nullable [] openText(String envelope, KeyLookup keys) throws MalformedEnvelopeException {
    return openText(envelope, keys, null);
  }

  /** Opens a text envelope; see {@link #openBinary(byte[], KeyLookup, byte[])}. */
  public byte @Nullable [] openText(String envelope, KeyLookup keys, byte @Nullable [] rowBinding)
      throws MalformedEnvelopeException {
    EnvelopeFormat.Header h = EnvelopeFormat.parseText(envelope);
    byte[] body;
    try {
      body = StrictBase64.decode(envelope, EnvelopeFormat.TEXT_HEADER_LENGTH);
    } catch (MalformedEnvelopeException e) {
      throw new MalformedEnvelopeException(h.keyVersion(), e.bodyProblem()); // the header was valid: say so
    }
    DataKey key = keys.key(h.keyVersion());
    return open(key, h.algorithm(), body, 0, body.length, rowBinding); // body is ciphertext: nothing to zero
  }

  private byte @Nullable [] open(DataKey key, Algorithm algorithm, byte[] body, int off, int len,
      byte @Nullable [] rowBinding) {
    if (!key.supports(algorithm)) {
      return null;
    }
    return switch (algorithm) {
      case AES_256_GCM_SIV -> AesGcmSiv.open(key.sivKey(), aad(key, algorithm), body, off, len);
      // The column key was derived over this very header (parse accepted only the exact magic and
      // format bytes), so a value moved to another column, version or algorithm fails its tag.
      case AES_256_GCM_COLUMN_KEY -> AesGcm.open(key.columnKey(binding), null, body, off, len);
      // Without the row it was sealed for, a row-bound value is as unauthentic as a tampered one.
      case AES_256_GCM_ROW_BOUND -> rowBinding == null ? null
          : AesGcm.open(key.jceKey(), rowAad(key, rowBinding), body, off, len);
      case ARIA_256_GCM -> aria.open(key.ariaKey(), aad(key, algorithm), body, off, len);
      default -> AesGcm.open(key.jceKey(), aad(key, algorithm), body, off, len);
    };
  }

  /** The algorithm named in a header, for error messages; null if unreadable or unknown. */
  public static @Nullable Algorithm algorithmOf(Object envelope) {
    try {
      return envelope instanceof String s
          ? EnvelopeFormat.parseText(s).algorithm()
          : EnvelopeFormat.parseBinary((byte[]) envelope).algorithm();
    } catch (MalformedEnvelopeException e) {
      return null;
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
