package io.colseal.hibernate;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.colseal.Normalizer;
import io.colseal.hibernate.BlindIndexAttributeBinder;
import io.colseal.hibernate.BlindIndexGenerator;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;
import org.hibernate.annotations.ValueGenerationType;

/**
 * Makes this {@code String} attribute the blind index of another attribute of the same entity: a
 * keyed HMAC-SHA-256 of its normalised plaintext, so an {@code @Encrypted} (random-nonce) column
 * can be found by equality.
 *
 * <pre>{@code
 * @Encrypted String email;
 * @BlindIndex(of = "email", normalizer = Normalizer.LOWER_TRIM)
 * @Column(name = "email_bidx") String emailIndex;
 *
 * session.createSelectionQuery("from Customer c where c.emailIndex = :email", Customer.class)
 *     .setParameter("email", "Alice@Example.com")   // the plaintext: colseal computes the index
 *     .getResultList();
 * }</pre>
 *
 * <p>colseal writes the index whenever Hibernate inserts or updates the entity (from the source
 * attribute's current value); an entity that is loaded and not changed writes nothing. Statements
 * that bypass the entity (JPQL/Criteria bulk {@code update}/{@code insert}, native SQL) do not
 * maintain it. A query parameter compared with the index attribute, JPQL {@code =}, {@code <>} and
 * {@code in} or Criteria {@code equal}/{@code in}, is the plaintext: it is normalised and hashed
 * before it is bound, also when it is a Criteria parameter of its own type ({@code
 * cb.parameter(String.class)}), so the plaintext never reaches the database. Literals, order
 * comparisons, {@code LIKE} and {@code ORDER BY} on the index are rejected with {@link
 * ColsealQueryException}. The attribute's own value in memory is not meant for the application: after a load it
 * holds the stored index ({@code bi1:...}), after a write colseal made it holds the source value.
 *
 * <p>With {@link #bits()} {@code > 0} lookups can return rows whose source differs (false
 * positives, about {@code n / 2^bits} of {@code n} rows per lookup); {@link
 * io.colseal.hibernate.BlindIndexes#find} returns only true matches. See {@code
 * docs/guides/blind-indexes.md} for what an index leaks and how to choose {@code bits}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD})
@AttributeBinderType(binder = BlindIndexAttributeBinder.class)
@ValueGenerationType(generatedBy = BlindIndexGenerator.class)
public @interface BlindIndex {
  /** The attribute of the same entity whose value is indexed; a {@code String}, usually {@code @Encrypted}. */
  String of();

  /** How values are normalised before hashing. Default {@link Normalizer#AS_IS}. */
  Normalizer normalizer() default Normalizer.AS_IS;

  /**
   * Bits of the HMAC kept: 0 (the default) keeps all 256; 1..256 truncates, trading false
   * positives for less leakage.
   */
  int bits() default 0;
}
