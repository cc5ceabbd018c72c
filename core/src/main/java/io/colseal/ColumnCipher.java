package io.colseal;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.EncryptionException;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.exception.RowKeyException;
import io.colseal.internal.crypto.AriaGcm;
import io.colseal.internal.crypto.ColumnSealer;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.StrictUtf8;
import io.colseal.internal.legacy.FernetException;
import io.colseal.internal.legacy.FernetKey;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.format.PlainForms;
import io.colseal.internal.format.RowBinding;
import io.colseal.internal.format.ValueCodec;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.internal.keyring.TableCounters;
import io.colseal.keys.Algorithm;
import io.colseal.keys.Identifiers;
import java.util.Arrays;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts the values of one column, for code that reads and writes the table without
 * Hibernate (JdbcTemplate, MyBatis, jOOQ). It produces exactly what {@code @Encrypted} on an entity
 * produces for the same table, column, type and storage, so both can share the table.
 *
 * <pre>{@code
 * ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
 * ps.setString(1, email.encrypt("customer1@example.com"));
 * String plain = email.decrypt(rs.getString("email"));
 * }</pre>
 *
 * <p>{@code null} stays {@code null} in both directions; the empty string is encrypted like any
 * other value. Thread safe.
 *
 * <p>A cipher has an {@link EncryptionMode}: {@link EncryptionMode#RANDOMIZED} (the default) seals
 * with AES-256-GCM and a random nonce; {@link EncryptionMode#DETERMINISTIC} seals with
 * AES-256-GCM-SIV and a fixed nonce, so equal values of the column under one key version have
 * equal envelopes and can be searched with {@code WHERE column = ?} or {@code IN (...)}. To find
 * values written under older key versions too, bind the value's envelope under each of {@link
 * #searchVersions()} ({@link #sealedUnder}). Both modes decrypt envelopes of both algorithms.
 *
 * <p>A randomized cipher can be made {@linkplain #withRowBinding() row-bound}: it then binds the
 * row's primary key into every value (envelope algorithm 05), so that a value copied to another
 * row of the column fails to decrypt. Such a cipher encrypts only with {@link #encrypt(Object,
 * RowKey)}; every cipher decrypts row-bound values with {@link #decrypt(Object, RowKey)} and the
 * values of the other algorithms with or without a row key.
 *
 * @param <T> the Java type of the plaintext
 * @param <S> the stored type: {@code String} for {@link Storage#TEXT}, {@code byte[]} for {@link
 *     Storage#BINARY}
 */
public abstract sealed class ColumnCipher<T, S> permits ColumnCipher.Text, ColumnCipher.Binary {
  private final DataKeys keys;
  private final ValueCodec<T> codec;
  private final String table;
  /** This table's counters, found once here so that counting a value costs no map lookup. */
  private final TableCounters counters;
  private final String column;
  private final boolean readPlaintext;
  /** The legacy Fernet key whose tokens are read during a migration; null when not set. */
  private final @Nullable FernetKey fernet;
  private final EncryptionMode mode;
  private final boolean rowBound;
  final Algorithm algorithm;
  final ColumnSealer sealer;
  /** Finds a decryption key and counts the decryption; one object, not a capture per value. */
  private final ColumnSealer.KeyLookup decryptionKeys;

  ColumnCipher(DataKeys keys, ValueCodec<T> codec, String table, String column, boolean readPlaintext,
      @Nullable FernetKey fernet, EncryptionMode mode, Algorithm algorithm, AriaGcm aria) {
    this.keys = keys;
    this.codec = codec;
    this.readPlaintext = readPlaintext;
    this.fernet = fernet;
    this.mode = requireNonNull(mode, "mode");
    this.rowBound = mode == EncryptionMode.ROW_BOUND;
    this.algorithm = requireNonNull(algorithm, "algorithm");
    boolean fits = switch (mode) {
      case DETERMINISTIC -> algorithm == Algorithm.AES_256_GCM_SIV;
      case ROW_BOUND -> algorithm == Algorithm.AES_256_GCM_ROW_BOUND;
      case RANDOMIZED -> algorithm == Algorithm.AES_256_GCM || algorithm == Algorithm.AES_256_GCM_COLUMN_KEY
          || algorithm == Algorithm.ARIA_256_GCM;
    };
    if (!fits) {
      throw new IllegalArgumentException(mode + " values cannot be sealed with " + algorithm);
    }
    this.table = Identifiers.normalize(table);
    this.column = Identifiers.normalize(column);
    if (mode == EncryptionMode.DETERMINISTIC) {
      ColumnSealer.requireDeterministicSupport(this.table, this.column);
    }
    this.counters = keys.table(this.table);
    if (algorithm == Algorithm.ARIA_256_GCM) {
      aria.requireAvailable(this.table, this.column);
    }
    this.sealer = new ColumnSealer(this.table, this.column, aria);
    this.decryptionKeys = v -> keys.decryptionKey(counters, v);
  }

  /** A row-bound copy of {@code of}: same column, type, storage and keys. */
  ColumnCipher(ColumnCipher<T, S> of) {
    if (of.mode == EncryptionMode.DETERMINISTIC) {
      throw new ColsealConfigException(of.table + '.' + of.column + " is DETERMINISTIC and cannot be row-bound:"
          + " binding the row would give equal values in different rows different envelopes, which breaks the"
          + " equality search (WHERE " + of.column + " = ?) the mode exists for; bind rows in a RANDOMIZED column");
    }
    if (of.algorithm == Algorithm.ARIA_256_GCM) {
      throw new ColsealConfigException(of.table + '.' + of.column + " is sealed with ARIA_256_GCM and cannot be"
          + " row-bound: row binding (envelope algorithm 05) is AES-256-GCM only; choose AES_256_GCM for this column"
          + " or leave it unbound");
    }
    this.keys = of.keys;
    this.codec = of.codec;
    this.readPlaintext = of.readPlaintext;
    this.fernet = of.fernet;
    this.mode = EncryptionMode.ROW_BOUND;
    this.rowBound = true;
    this.algorithm = Algorithm.AES_256_GCM_ROW_BOUND;
    this.table = of.table;
    this.column = of.column;
    this.counters = of.counters;
    this.sealer = of.sealer;
    this.decryptionKeys = of.decryptionKeys;
  }

  /**
   * A cipher for the same column that binds each value to its row (envelope algorithm 05,
   * AES-256-GCM with the row's primary key in the associated data): it encrypts only with {@link
   * #encrypt(Object, RowKey)}, and its values decrypt only with {@link #decrypt(Object, RowKey)} and
   * the same row key. It replaces {@code colseal.crypto.column-keys} for this column. It still
   * opens values of the other algorithms, with or without a row key (values written before the
   * column was bound); a value copied from another row fails. This cipher is unchanged.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) if this cipher is {@link
   *     EncryptionMode#DETERMINISTIC}: equal values in different rows would have different
   *     envelopes, so equality search could no longer find them
   */
  public abstract ColumnCipher<T, S> withRowBinding();

  /** Whether this cipher binds values to their rows ({@link #withRowBinding()}). */
  public final boolean rowBound() {
    return rowBound;
  }

  /** Normalised table name bound into every value. */
  public String table() {
    return table;
  }

  /** Normalised column name bound into every value. */
  public String column() {
    return column;
  }

  /** The Java type of the plaintext. */
  public Class<T> javaType() {
    return codec.type();
  }

  public abstract Storage storage();

  /** How this cipher seals values; it opens values of either mode. */
  public EncryptionMode mode() {
    return mode;
  }

  /**
   * The algorithm whose id this cipher writes into the envelopes it seals: {@link
   * Algorithm#AES_256_GCM_SIV} in {@link EncryptionMode#DETERMINISTIC} mode; in {@link
   * EncryptionMode#RANDOMIZED} mode {@link Algorithm#AES_256_GCM}, or {@link
   * Algorithm#AES_256_GCM_COLUMN_KEY} with {@code colseal.crypto.column-keys}, or {@link
   * Algorithm#AES_256_GCM_ROW_BOUND} when {@linkplain #withRowBinding() row-bound}, or {@link
   * Algorithm#ARIA_256_GCM} when the column chose ARIA. It opens envelopes of all five (row-bound
   * ones with their row key).
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * The stored form of {@code value} under the table's ACTIVE key; null for null. In {@link
   * EncryptionMode#DETERMINISTIC} mode the same value gives the same result until the ACTIVE
   * version changes. Each call uses one encryption of the version's usage budget in either mode.
   *
   * @throws IllegalStateException if this cipher is {@linkplain #withRowBinding() row-bound}: use
   *     {@link #encrypt(Object, RowKey)}
   */
  public final @Nullable S encrypt(@Nullable T value) {
    if (rowBound) {
      throw new IllegalStateException(table + '.' + column + " is row-bound: encrypt its values with"
          + " encrypt(value, RowKey), giving the primary key of the row the value is written to");
    }
    return encryptWith(value, null);
  }

  /**
   * The stored form of {@code value} for the row whose primary key is {@code row}, under the
   * table's ACTIVE key; null for null. It decrypts only with the same row key. Uses one encryption
   * of the version's usage budget.
   *
   * @throws IllegalStateException if this cipher is not {@linkplain #withRowBinding() row-bound}
   * @throws RowKeyException if a part of {@code row} is null or of an unsupported type
   */
  public final @Nullable S encrypt(@Nullable T value, RowKey row) {
    requireNonNull(row, "row");
    if (!rowBound) {
      throw new IllegalStateException(table + '.' + column + " is not row-bound: encrypt its values with"
          + " encrypt(value), or bind rows with withRowBinding()");
    }
    byte[] binding = rowBinding(row); // checked for a null value too: a bad key type fails on the first row
    try {
      return value == null ? null : encryptWith(value, binding);
    } finally {
      Arrays.fill(binding, (byte) 0);
    }
  }

  private @Nullable S encryptWith(@Nullable T value, byte @Nullable [] row) {
    if (value == null) {
      return null;
    }
    byte[] plaintext;
    try {
      plaintext = codec.encode(value);
    } catch (IllegalArgumentException e) {
      throw new EncryptionException("value for " + table + '.' + column + " cannot be encoded: " + e.getMessage());
    }
    if (plaintext.length > EnvelopeFormat.MAX_PLAINTEXT_LENGTH) {
      throw new EncryptionException("value for " + table + '.' + column + " is " + plaintext.length
          + " bytes; the limit is " + EnvelopeFormat.MAX_PLAINTEXT_LENGTH);
    }
    try {
      return seal(keys.encryptionKey(counters), plaintext, row);
    } finally {
      if (plaintext != value) { // byte[] values are encoded as themselves: never zero the caller's array
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * The plaintext of a stored value; null for null. With {@code colseal.migration.read-plaintext}
   * on, a value that is not an envelope is read as its {@linkplain
   * io.colseal.internal.format.PlainForms plaintext form}.
   *
   * @throws DecryptionException if the value is not an envelope, was altered, or belongs to another
   *     column, table or key, or is {@linkplain #withRowBinding() row-bound} (algorithm 05)
   * @throws KeyUnavailableException if its key version is unknown or destroyed
   */
  public final @Nullable T decrypt(@Nullable S stored) {
    return decryptWith(stored, null);
  }

  /**
   * The plaintext of a stored value of the row whose primary key is {@code row}; null for null. A
   * row-bound value (algorithm 05) opens only with the row key it was encrypted with; values of
   * the other algorithms open as with {@link #decrypt(Object)}, whatever the row key. Any cipher
   * of the column can call it, row-bound or not.
   *
   * @throws DecryptionException if the value is not an envelope, was altered, or belongs to another
   *     row, column, table or key
   * @throws KeyUnavailableException if its key version is unknown or destroyed
   * @throws RowKeyException if a part of {@code row} is null or of an unsupported type
   */
  public final @Nullable T decrypt(@Nullable S stored, RowKey row) {
    requireNonNull(row, "row");
    byte[] binding = rowBinding(row);
    try {
      return decryptWith(stored, binding);
    } finally {
      Arrays.fill(binding, (byte) 0);
    }
  }

  private @Nullable T decryptWith(@Nullable S stored, byte @Nullable [] row) {
    if (stored == null) {
      return null;
    }
    if (fernet != null && stored instanceof String token && FernetKey.hasShape(token)) {
      return openFernet(token);
    }
    if (readPlaintext && !isEnvelope(stored)) {
      try {
        return PlainForms.read(stored, codec.type());
      } catch (IllegalArgumentException e) {
        throw DecryptionException.notOfType(table, column, 0, codec.type());
      }
    }
    byte[] plaintext = openOrThrow(stored, row);
    try {
      return codec.decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw DecryptionException.notOfType(table, column, ColumnSealer.versionOf(stored), codec.type());
    } finally {
      if (codec.type() != byte[].class) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * A Fernet token's value: its plaintext bytes for a {@code byte[]} attribute, otherwise their
   * UTF-8 text read as the attribute's {@linkplain PlainForms plaintext form}.
   */
  private T openFernet(String token) {
    byte[] plaintext;
    try {
      plaintext = requireNonNull(fernet).open(token);
    } catch (FernetException e) {
      throw DecryptionException.legacy(table, column, "Fernet token", e.getMessage());
    }
    if (codec.type() == byte[].class) {
      return codec.type().cast(plaintext);
    }
    try {
      return PlainForms.read(StrictUtf8.decode(plaintext), codec.type());
    } catch (java.nio.charset.CharacterCodingException | IllegalArgumentException e) {
      throw DecryptionException.notOfType(table, column, 0, codec.type());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * Whether {@code stored} starts like a colseal envelope ({@code cs1:} in text, the bytes {@code
   * 'c' 's' 0x01} in binary). Says nothing about its authenticity.
   */
  public abstract boolean isEnvelope(S stored);

  /** The key version named in an envelope's header; empty if {@code stored} is not an envelope. */
  public final OptionalInt keyVersionOf(S stored) {
    return isEnvelope(stored) ? OptionalInt.of(ColumnSealer.versionOf(stored)) : OptionalInt.empty();
  }

  /**
   * The header every envelope this cipher seals under {@code keyVersion} starts with: the 18
   * characters {@code cs1:01:0000000002:} in text ({@code cs1:02:...} in {@link
   * EncryptionMode#DETERMINISTIC} mode, {@code cs1:04:...} with column keys), 8 bytes in binary.
   * For SQL that selects values by key version without decrypting ({@code LIKE
   * 'cs1:01:0000000002:%'}, {@code SUBSTRING(column, 1, 8)}); values sealed in the column's other
   * mode, or before column keys were turned on, have another {@linkplain #algorithm() algorithm} id.
   */
  public abstract S envelopePrefix(int keyVersion);

  /**
   * The key versions of this column's table under which values may exist and can be decrypted:
   * the ACTIVE version first, then the DECRYPT_ONLY versions, newest first. Cached by the key ring
   * like the ACTIVE version: re-read every {@code colseal.keys.refresh-interval} and on {@link
   * io.colseal.keys.KeyRing#refresh()}. A fresh array on every call.
   */
  public final int[] searchVersions() {
    return keys.searchVersions(table);
  }

  /**
   * The deterministic envelope of the value in {@code stored} under {@code keyVersion}: what this
   * column holds for that value in rows still under that version. Expands a search value to every
   * {@linkplain #searchVersions() live version}. {@code stored} (any version, either algorithm) is
   * authenticated first; the value is never decoded. Uses no encryption budget.
   *
   * @throws IllegalStateException if this cipher is not {@link EncryptionMode#DETERMINISTIC}
   * @throws DecryptionException if {@code stored} is not an authentic envelope of this column
   * @throws KeyUnavailableException if {@code keyVersion} is not ACTIVE or DECRYPT_ONLY
   */
  public final S sealedUnder(S stored, int keyVersion) {
    requireNonNull(stored, "stored");
    if (mode != EncryptionMode.DETERMINISTIC) {
      throw new IllegalStateException("sealedUnder needs a DETERMINISTIC cipher; " + table + '.' + column
          + " is " + mode);
    }
    byte[] plaintext = openOrThrow(stored, null);
    try {
      return seal(keys.searchKey(table, keyVersion), plaintext, null);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * {@code stored} re-encrypted under the table's ACTIVE key version in this cipher's mode,
   * without decoding the value: what a re-encryption job writes. The old envelope (either mode) is
   * authenticated first.
   *
   * @throws DecryptionException if {@code stored} is not an authentic envelope of this column, or
   *     is row-bound
   * @throws KeyUnavailableException if its key version is unknown, retired or destroyed
   * @throws IllegalStateException if this cipher is {@linkplain #withRowBinding() row-bound}: use
   *     {@link #reencrypt(Object, RowKey)}
   */
  public final S reencrypt(S stored) {
    if (rowBound) {
      throw new IllegalStateException(table + '.' + column + " is row-bound: re-encrypt its values with"
          + " reencrypt(stored, RowKey)");
    }
    return reencryptWith(stored, null);
  }

  /**
   * {@code stored}, a value of the row whose primary key is {@code row}, re-encrypted under the
   * table's ACTIVE key version with this cipher's algorithm, without decoding the value: bound to
   * that row if this cipher is {@linkplain #withRowBinding() row-bound}, not bound otherwise (a
   * column that leaves row binding). The old envelope (any algorithm) is authenticated first, a
   * row-bound one with {@code row}.
   *
   * @throws DecryptionException if {@code stored} is not an authentic envelope of this column and row
   * @throws KeyUnavailableException if its key version is unknown, retired or destroyed
   * @throws RowKeyException if a part of {@code row} is null or of an unsupported type
   */
  public final S reencrypt(S stored, RowKey row) {
    requireNonNull(row, "row");
    byte[] binding = rowBinding(row);
    try {
      return reencryptWith(stored, binding);
    } finally {
      Arrays.fill(binding, (byte) 0);
    }
  }

  private S reencryptWith(S stored, byte @Nullable [] row) {
    byte[] plaintext = openOrThrow(stored, row);
    try {
      return seal(keys.encryptionKey(counters), plaintext, rowBound ? row : null);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The canonical encoding of {@code row}; the caller zeroes it. */
  private byte[] rowBinding(RowKey row) {
    try {
      return RowBinding.encode(row.parts());
    } catch (IllegalArgumentException e) {
      throw new RowKeyException(table, column, e.getMessage());
    }
  }

  /**
   * Encrypts a value read from the column while it still held plaintext ({@code ResultSet.getObject},
   * or its text or bytes), as its {@linkplain io.colseal.internal.format.PlainForms plaintext form}
   * says: the in-place migration of an existing column.
   *
   * @throws EncryptionException if the value denotes no value of this column's type
   * @throws IllegalStateException if this cipher is {@linkplain #withRowBinding() row-bound}
   */
  public final S encryptPlaintext(Object plaintextValue) {
    return requireNonNull(encrypt(plainValue(plaintextValue)));
  }

  /**
   * {@link #encryptPlaintext(Object)} for a {@linkplain #withRowBinding() row-bound} cipher: the
   * value bound to {@code row}.
   *
   * @throws IllegalStateException if this cipher is not row-bound
   */
  public final S encryptPlaintext(Object plaintextValue, RowKey row) {
    return requireNonNull(encrypt(plainValue(plaintextValue), row));
  }

  private T plainValue(Object plaintextValue) {
    try {
      return PlainForms.read(requireNonNull(plaintextValue, "plaintextValue"), codec.type());
    } catch (IllegalArgumentException e) {
      throw new EncryptionException("a plaintext value in " + table + '.' + column + " is not a valid "
          + codec.type().getSimpleName() + "; fix or clear it, then run again");
    }
  }

  /**
   * The plaintext form of a stored value for a column that leaves encryption: a {@code String} for
   * text storage, {@code byte[]} for binary.
   */
  public final Object decryptToPlaintext(S stored) {
    return PlainForms.write(requireNonNull(decrypt(stored)), storage() == Storage.BINARY);
  }

  /** {@link #decryptToPlaintext(Object)} of a value that may be bound to {@code row}. */
  public final Object decryptToPlaintext(S stored, RowKey row) {
    return PlainForms.write(requireNonNull(decrypt(stored, row)), storage() == Storage.BINARY);
  }

  private byte[] openOrThrow(S stored, byte @Nullable [] row) {
    byte[] plaintext;
    try {
      plaintext = open(stored, decryptionKeys, row);
    } catch (MalformedEnvelopeException e) {
      if (e.keyVersion() > 0 && e.bodyProblem() != null) {
        throw DecryptionException.malformedBody(table, column, e.keyVersion(), e.bodyProblem());
      }
      throw new DecryptionException(table, column, e.keyVersion());
    } catch (KeyUnavailableException e) {
      throw e.inColumn(column);
    }
    if (plaintext == null) {
      int version = ColumnSealer.versionOf(stored);
      if (ColumnSealer.algorithmOf(stored) == Algorithm.AES_256_GCM_ROW_BOUND) {
        throw row == null ? DecryptionException.rowKeyMissing(table, column, version)
            : DecryptionException.rowBound(table, column, version);
      }
      throw new DecryptionException(table, column, version);
    }
    return plaintext;
  }

  /** Seals with this cipher's algorithm; {@code row} is the row binding of a row-bound cipher, else null. */
  abstract S seal(DataKey key, byte[] plaintext, byte @Nullable [] row);

  abstract byte @Nullable [] open(S stored, ColumnSealer.KeyLookup keys, byte @Nullable [] row)
      throws MalformedEnvelopeException;

  @Override
  public String toString() {
    return "ColumnCipher[" + table + '.' + column + ", " + codec.type().getSimpleName() + ", " + storage() + ", "
        + mode + (algorithm == Algorithm.AES_256_GCM_COLUMN_KEY ? ", column keys" : "")
        + (algorithm == Algorithm.ARIA_256_GCM ? ", ARIA-256-GCM" : "")
        + (rowBound ? ", row-bound" : "") + "]";
  }

  static final class Text<T> extends ColumnCipher<T, String> {
    Text(DataKeys keys, ValueCodec<T> codec, String table, String column, boolean readPlaintext,
        @Nullable FernetKey fernet, EncryptionMode mode, Algorithm algorithm, AriaGcm aria) {
      super(keys, codec, table, column, readPlaintext, fernet, mode, algorithm, aria);
    }

    private Text(Text<T> of) {
      super(of);
    }

    @Override
    public ColumnCipher<T, String> withRowBinding() {
      return new Text<>(this);
    }

    @Override
    public boolean isEnvelope(String stored) {
      return stored.startsWith(EnvelopeFormat.TEXT_MAGIC);
    }

    @Override
    public String envelopePrefix(int keyVersion) {
      return EnvelopeFormat.textHeader(algorithm, keyVersion);
    }

    @Override
    public Storage storage() {
      return Storage.TEXT;
    }

    @Override
    String seal(DataKey key, byte[] plaintext, byte @Nullable [] row) {
      return sealer.sealText(key, algorithm, plaintext, row);
    }

    @Override
    byte @Nullable [] open(String stored, ColumnSealer.KeyLookup keys, byte @Nullable [] row)
        throws MalformedEnvelopeException {
      return sealer.openText(stored, keys, row);
    }
  }

  static final class Binary<T> extends ColumnCipher<T, byte[]> {
    Binary(DataKeys keys, ValueCodec<T> codec, String table, String column, boolean readPlaintext,
        @Nullable FernetKey fernet, EncryptionMode mode, Algorithm algorithm, AriaGcm aria) {
      super(keys, codec, table, column, readPlaintext, fernet, mode, algorithm, aria);
    }

    private Binary(Binary<T> of) {
      super(of);
    }

    @Override
    public ColumnCipher<T, byte[]> withRowBinding() {
      return new Binary<>(this);
    }

    @Override
    public boolean isEnvelope(byte[] stored) {
      return stored.length >= 3 && stored[0] == EnvelopeFormat.MAGIC_0 && stored[1] == EnvelopeFormat.MAGIC_1
          && stored[2] == EnvelopeFormat.FORMAT_V1;
    }

    @Override
    public byte[] envelopePrefix(int keyVersion) {
      return EnvelopeFormat.header(algorithm, keyVersion);
    }

    @Override
    public Storage storage() {
      return Storage.BINARY;
    }

    @Override
    byte[] seal(DataKey key, byte[] plaintext, byte @Nullable [] row) {
      return sealer.sealBinary(key, algorithm, plaintext, row);
    }

    @Override
    byte @Nullable [] open(byte[] stored, ColumnSealer.KeyLookup keys, byte @Nullable [] row)
        throws MalformedEnvelopeException {
      return sealer.openBinary(stored, keys, row);
    }
  }
}
