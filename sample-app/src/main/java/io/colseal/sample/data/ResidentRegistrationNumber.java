package io.colseal.sample.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * 주민등록번호 (Korean resident registration number), {@code YYMMDD-GNNNNNC}: birth date, a
 * digit for century and sex (1/2: 1900s male/female, 3/4: 2000s), five digits, and the check digit
 * of the scheme used until 2020: {@code (11 - sum(d[i] * w[i]) mod 11) mod 10} with weights
 * 2..9, 2..5 over the first twelve digits.
 */
public final class ResidentRegistrationNumber {
  private static final Pattern FORMAT = Pattern.compile("\\d{6}-[1-4]\\d{6}");
  private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

  private ResidentRegistrationNumber() {}

  /**
   * Builds a number for someone born on {@code birthDate} (1900..2099) from five further digits.
   *
   * @throws IllegalArgumentException if the date is out of range or {@code fiveDigits} is not five digits
   */
  public static String of(LocalDate birthDate, boolean male, String fiveDigits) {
    int year = birthDate.getYear();
    if (year < 1900 || year > 2099) {
      throw new IllegalArgumentException("birth year must be 1900..2099, got " + year);
    }
    if (!fiveDigits.matches("\\d{5}")) {
      throw new IllegalArgumentException("expected five digits");
    }
    int sexDigit = (year < 2000 ? 1 : 3) + (male ? 0 : 1);
    String twelve = String.format("%02d%02d%02d%d%s",
        year % 100, birthDate.getMonthValue(), birthDate.getDayOfMonth(), sexDigit, fiveDigits);
    return twelve.substring(0, 6) + '-' + twelve.substring(6) + checkDigit(twelve);
  }

  /** Whether {@code number} has the format, a real birth date and a correct check digit. */
  public static boolean isValid(String number) {
    if (!FORMAT.matcher(number).matches()) {
      return false;
    }
    String digits = number.replace("-", "");
    try {
      birthDate(number);
    } catch (DateTimeException e) {
      return false;
    }
    return checkDigit(digits.substring(0, 12)) == digits.charAt(12) - '0';
  }

  /**
   * The birth date that {@code number} encodes.
   *
   * @throws DateTimeException if the date part is not a real date
   * @throws IllegalArgumentException if the format is wrong
   */
  public static LocalDate birthDate(String number) {
    if (!FORMAT.matcher(number).matches()) {
      throw new IllegalArgumentException("not in the format YYMMDD-GNNNNNN");
    }
    int sexDigit = number.charAt(7) - '0';
    int century = sexDigit <= 2 ? 1900 : 2000;
    return LocalDate.of(
        century + Integer.parseInt(number.substring(0, 2)),
        Integer.parseInt(number.substring(2, 4)),
        Integer.parseInt(number.substring(4, 6)));
  }

  /** Whether the sex digit says male (1 or 3). */
  public static boolean isMale(String number) {
    int d = number.charAt(7) - '0';
    return d == 1 || d == 3;
  }

  static int checkDigit(String twelveDigits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelveDigits.charAt(i) - '0') * WEIGHTS[i];
    }
    return (11 - sum % 11) % 10;
  }
}
