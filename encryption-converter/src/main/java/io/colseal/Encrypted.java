package io.colseal;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.colseal.hibernate.EncryptedAttributeBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Stores this attribute encrypted with AES-256-GCM under its table's data key, bound to its
 * physical table and column. Reading the entity returns the plaintext.
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
 * <p>Supported types: {@code String}, {@code byte[]}, {@code Integer}/{@code int}, {@code
 * Long}/{@code long}, {@code BigDecimal}, {@code Boolean}/{@code boolean}, {@code LocalDate},
 * {@code LocalDateTime}, {@code Instant}, {@code UUID} and enums, on basic attributes, fields of
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
}
