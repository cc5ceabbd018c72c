package io.colseal.sample.data;

/** The Luhn (mod 10) check digit that every payment card number ends with. */
public final class Luhn {
  private Luhn() {}

  /** The digit to append to {@code payload} (decimal digits only) to make it Luhn-valid. */
  public static int checkDigit(String payload) {
    // Doubling starts at the rightmost payload digit, which sits left of the check digit.
    return (10 - sum(payload, true) % 10) % 10;
  }

  /** Whether {@code number} consists of 2 or more decimal digits and passes the Luhn check. */
  public static boolean isValid(String number) {
    if (number.length() < 2 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return sum(number, false) % 10 == 0;
  }

  private static int sum(String digits, boolean doubleRightmost) {
    int sum = 0;
    boolean doubled = doubleRightmost;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a decimal digit at index " + i);
      }
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum;
  }
}
