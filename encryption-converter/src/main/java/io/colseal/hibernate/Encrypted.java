package io.colseal.hibernate;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.colseal.Classification;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import io.colseal.hibernate.EncryptedAttributeBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Stores this attribute encrypted with AES-256-GCM under its table's data key, bound to its
 * physical table and column, or with AES-256-GCM-SIV when {@link #deterministic()} is set. Reading
 * the entity returns the plaintext.
 *
 * <pre>{@code
 * @Entity
 * class Customer {
 *   @Id Long id;
 *   @Encrypted String email;
 *   @Encrypted LocalDate birthDate;
 * }
 * }</pre>
 *
 * <p>Supported types are those of {@link io.colseal.SupportedType} ({@code String}, {@code byte[]},
 * numbers, booleans, dates and times, {@code UUID}, enums), on basic attributes, fields of
 * embeddables, and elements of {@code @ElementCollection}s. SQL NULL stays NULL; the empty string
 * is encrypted. Anything colseal cannot encrypt safely fails the SessionFactory build with a {@link
 * ColsealMappingException}; a column is never silently left in plaintext.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
@AttributeBinderType(binder = EncryptedAttributeBinder.class)
public @interface Encrypted {
  /**
   * Column storage. {@link Storage#AUTO} (the default) stores {@code byte[]} as binary and every
   * other type as text.
   */
  Storage storage() default Storage.AUTO;

  /**
   * What the column holds, for the column registry and the audit report ({@code colseal audit}).
   * Defaults to {@link Classification#UNSPECIFIED}.
   */
  Classification classification() default Classification.UNSPECIFIED;

  /**
   * Whether equal values get equal ciphertexts, so the column can be searched for equality: with
   * {@code true} the column is {@link EncryptionMode#DETERMINISTIC} (AES-256-GCM-SIV, RFC 8452,
   * fixed nonce) and JPQL/Criteria {@code =} and {@code IN} with parameters, and a unique
   * constraint on the column, work. The same value in the same table and column under the same key
   * version always has the same envelope; envelopes still differ across columns, tables and key
   * versions.
   *
   * <p>What it leaks: anyone who can read the column sees which rows hold equal values and how often
   * each value occurs (for a column with few distinct values, such as a country or a status, that
   * can be enough to guess them); the values themselves stay confidential and authenticated. Only
   * equality can be searched; {@code LIKE}, ranges and ordering cannot. Defaults to {@code false}
   * ({@link EncryptionMode#RANDOMIZED}, which leaks nothing but the length).
   *
   * <p>Changing it on an existing column takes effect for new writes; run {@code colseal
   * reencrypt} to convert the stored values, which are readable in either mode meanwhile.
   */
  boolean deterministic() default false;

  /**
   * Whether each value is bound to its row: with {@code true} the column is {@link
   * EncryptionMode#ROW_BOUND} (envelope algorithm 05), whose associated data also holds the entity's
   * id, so a value copied into another row of the column (one customer given another's account
   * number), or another row's old value written back, fails to decrypt with a {@code
   * DecryptionException} naming table, column and key version. Defaults to {@code false}.
   *
   * <p>Needs an id known before the insert: an application-assigned id, or a sequence, table or UUID
   * generator; an {@code IDENTITY} id, a composite id, a {@code deterministic} column, an attribute
   * of an embeddable or an element collection are refused at start-up. Supported for {@code String}
   * (text) and {@code byte[]} (binary) attributes. A row-bound attribute is read by loading its
   * entity and written by persisting or changing it: selecting it alone in a query, or setting it in
   * a bulk {@code update}, is rejected, since neither knows the row. Hibernate never changes an
   * entity's id, and a value whose row's key is changed by SQL no longer decrypts.
   */
  boolean bindToRow() default false;

  /**
   * The block cipher of a randomized column: {@link io.colseal.ColumnAlgorithm#DEFAULT} (what
   * {@code colseal.crypto.default-algorithm} says, AES-256-GCM unless set), {@link
   * io.colseal.ColumnAlgorithm#AES_256_GCM}, or {@link io.colseal.ColumnAlgorithm#ARIA_256_GCM}
   * (envelope algorithm 03, for the Korean KCMVP profile; the cipher comes from the implementation
   * {@code colseal.crypto.aria-provider} names). Values of every algorithm are read whatever it says, so
   * changing it takes effect for new writes and {@code colseal reencrypt --to-algorithm} converts the
   * stored values. ARIA with {@link #deterministic()} or {@link #bindToRow()} is refused at
   * start-up: there is no deterministic or row-bound ARIA.
   */
  io.colseal.ColumnAlgorithm algorithm() default io.colseal.ColumnAlgorithm.DEFAULT;
}
