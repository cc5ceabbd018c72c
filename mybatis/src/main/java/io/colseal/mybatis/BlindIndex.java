package io.colseal.mybatis;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.colseal.Normalizer;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Binds a {@link BlindIndexTypeHandler} subclass to a blind-index column: a keyed HMAC-SHA-256 of
 * the normalised plaintext of another column of the same table, so a randomized column can be
 * found by equality.
 *
 * <pre>{@code
 * @BlindIndex(table = "customers", column = "phone_bidx", of = "phone", normalizer = Normalizer.DIGITS_ONLY)
 * public final class CustomerPhoneIndex extends BlindIndexTypeHandler {}
 * }</pre>
 *
 * <p>The handler takes the plaintext and binds its index: write the index column from the same
 * property as the source ({@code #{phone,typeHandler=CustomerPhone}, #{phone,typeHandler=CustomerPhoneIndex}})
 * and search with {@code WHERE phone_bidx = #{phone,typeHandler=CustomerPhoneIndex}}. The values
 * are those {@code @BlindIndex} of colseal-hibernate computes for the same table, column,
 * normaliser and bits.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
public @interface BlindIndex {
  /** The physical table of the index column and of its source. */
  String table();

  /** The index column. */
  String column();

  /** The column whose value is indexed, usually encrypted with an {@link Encrypted} handler. */
  String of();

  /** How values are normalised before hashing. Default {@link Normalizer#AS_IS}. */
  Normalizer normalizer() default Normalizer.AS_IS;

  /**
   * Bits of the HMAC kept: 0 (the default) keeps all 256; 1..256 truncates, trading false
   * positives for less leakage (filter the rows found with {@link io.colseal.BlindIndexer#sameNormalized}).
   */
  int bits() default 0;
}
