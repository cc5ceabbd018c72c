package io.colseal.mybatis;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.colseal.Classification;
import io.colseal.EncryptionMode;
import io.colseal.Storage;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Binds an {@link EncryptedTypeHandler} subclass to the table and column whose values it encrypts:
 * one line per column.
 *
 * <pre>{@code
 * @Encrypted(table = "customers", column = "email", deterministic = true)
 * public final class CustomerEmail extends EncryptedTypeHandler<String> {}
 * }</pre>
 *
 * <p>The table and column are bound into every value, exactly as {@code @Encrypted} on a Hibernate
 * entity mapped to the same table and column binds them, so MyBatis and JPA code can share the
 * table. A MyBatis handler never learns which column it is used on: name the handler only where
 * its column is read or written ({@code #{email,typeHandler=...}}, {@code <result
 * typeHandler=...>}, {@code @Result(typeHandler = ...)}).
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
public @interface Encrypted {
  /** The physical table, as bound into the values (case-insensitive, quotes ignored). */
  String table();

  /** The physical column, as bound into the values. */
  String column();

  /**
   * Whether equal values get equal ciphertexts, so the column can be searched for equality ({@link
   * EncryptionMode#DETERMINISTIC}, AES-256-GCM-SIV): {@code WHERE email = #{email,typeHandler=...}}
   * then finds rows under every live key version (see {@link ColsealMyBatis}). What it leaks is in
   * {@code docs/guides/searchable-encryption.md}. Defaults to {@code false} ({@link
   * EncryptionMode#RANDOMIZED}).
   */
  boolean deterministic() default false;

  /**
   * Column storage: {@link Storage#AUTO} (the default) stores {@code byte[]} as binary ({@code
   * setBytes}/{@code getBytes}) and every other type as text ({@code setString}/{@code getString}).
   */
  Storage storage() default Storage.AUTO;

  /** What the column holds, for the column registry and the audit report. */
  Classification classification() default Classification.UNSPECIFIED;
}
