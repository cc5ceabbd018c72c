package io.colseal;

import java.util.Locale;

/**
 * How a value is normalised before its blind index is computed ({@code @BlindIndex(normalizer = ...)} in colseal-hibernate):
 * two values find each other exactly when their normalised forms are equal. The normaliser is part
 * of the index's domain, so changing it needs a rebuild of the index (see {@code
 * docs/guides/blind-indexes.md}).
 */
public enum Normalizer {
  /** The value exactly as given: no trimming, no case folding, no Unicode normalisation. */
  AS_IS {
    @Override
    public String apply(String value) {
      return value;
    }
  },
  /**
   * Leading and trailing white space removed with {@link String#strip()}, that is the code points
   * {@link Character#isWhitespace} accepts (not the no-break spaces U+00A0, U+2007, U+202F, nor
   * U+0085), lower-cased with {@link Locale#ROOT}, then Unicode NFC: {@code " Alice@Example.COM "} and
   * {@code "alice@example.com"} are equal, and so are a precomposed {@code "é"} and {@code "e"}
   * followed by a combining acute accent. For e-mail addresses and user names.
   */
  LOWER_TRIM {
    @Override
    public String apply(String value) {
      return java.text.Normalizer.normalize(value.strip().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
    }
  },
  /**
   * Only the decimal digits, as ASCII {@code 0-9}: every other character is dropped, and digits of
   * other scripts (full-width {@code "０１０"}) become their ASCII value. {@code "010-1234-5678"},
   * {@code "(010) 1234 5678"} and {@code "01012345678"} are equal. For phone, card, account and
   * registration numbers. A value without digits normalises to the empty string, so all such
   * values share one index value.
   */
  DIGITS_ONLY {
    @Override
    public String apply(String value) {
      StringBuilder out = new StringBuilder(value.length());
      value.codePoints().filter(Character::isDigit).forEach(cp -> out.append((char) ('0' + Character.digit(cp, 10))));
      return out.toString();
    }
  };

  /** The normalised form of {@code value}. */
  public abstract String apply(String value);
}
