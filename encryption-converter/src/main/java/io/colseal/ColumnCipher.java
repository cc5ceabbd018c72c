package io.colseal;

import io.colseal.internal.cache.CachingKeyRing;
import io.colseal.internal.crypto.ColumnSealer;
import io.colseal.internal.crypto.DataKey;
import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.Identifiers;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.internal.format.ValueCodec;
import java.util.Arrays;
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
 * @param <T> the Java type of the plaintext
 * @param <S> the stored type: {@code String} for {@link Storage#TEXT}, {@code byte[]} for {@link
 *     Storage#BINARY}
 */
public abstract sealed class ColumnCipher<T, S> permits ColumnCipher.Text, ColumnCipher.Binary {
  private final CachingKeyRing keyRing;
  private final ValueCodec<T> codec;
  private final String table;
  private final String column;
  final ColumnSealer sealer;

  ColumnCipher(CachingKeyRing keyRing, ValueCodec<T> codec, String table, String column) {
    this.keyRing = keyRing;
    this.codec = codec;
    this.table = Identifiers.normalize(table);
    this.column = Identifiers.normalize(column);
    this.sealer = new ColumnSealer(this.table, this.column);
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

  /** The stored form of {@code value} under the table's ACTIVE key; null for null. */
  public final @Nullable S encrypt(@Nullable T value) {
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
      return seal(keyRing.encryptionKey(table), plaintext);
    } finally {
      if (plaintext != value) { // byte[] values are encoded as themselves: never zero the caller's array
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * The plaintext of a stored value; null for null.
   *
   * @throws DecryptionException if the value is not an envelope, was altered, or belongs to another
   *     column, table or key
   * @throws KeyUnavailableException if its key version is unknown or destroyed
   */
  public final @Nullable T decrypt(@Nullable S stored) {
    if (stored == null) {
      return null;
    }
    byte[] plaintext;
    try {
      plaintext = open(stored, v -> keyRing.decryptionKey(table, v));
    } catch (MalformedEnvelopeException e) {
      throw new DecryptionException(table, column, e.keyVersion());
    }
    if (plaintext == null) {
      throw new DecryptionException(table, column, ColumnSealer.versionOf(stored));
    }
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

  abstract S seal(DataKey key, byte[] plaintext);

  abstract byte @Nullable [] open(S stored, ColumnSealer.KeyLookup keys) throws MalformedEnvelopeException;

  @Override
  public String toString() {
    return "ColumnCipher[" + table + '.' + column + ", " + codec.type().getSimpleName() + ", " + storage() + "]";
  }

  static final class Text<T> extends ColumnCipher<T, String> {
    Text(CachingKeyRing keyRing, ValueCodec<T> codec, String table, String column) {
      super(keyRing, codec, table, column);
    }

    @Override
    public Storage storage() {
      return Storage.TEXT;
    }

    @Override
    String seal(DataKey key, byte[] plaintext) {
      return sealer.sealText(key, plaintext);
    }

    @Override
    byte @Nullable [] open(String stored, ColumnSealer.KeyLookup keys) throws MalformedEnvelopeException {
      return sealer.openText(stored, keys);
    }
  }

  static final class Binary<T> extends ColumnCipher<T, byte[]> {
    Binary(CachingKeyRing keyRing, ValueCodec<T> codec, String table, String column) {
      super(keyRing, codec, table, column);
    }

    @Override
    public Storage storage() {
      return Storage.BINARY;
    }

    @Override
    byte[] seal(DataKey key, byte[] plaintext) {
      return sealer.sealBinary(key, plaintext);
    }

    @Override
    byte @Nullable [] open(byte[] stored, ColumnSealer.KeyLookup keys) throws MalformedEnvelopeException {
      return sealer.openBinary(stored, keys);
    }
  }
}
