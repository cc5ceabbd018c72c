package io.colseal.operations.internal.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises Korean personal data and payment card numbers in column names and values, and masks
 * values for the report. Kinds: RRN, ALIEN_RRN, CARD_NUMBER, BANK_ACCOUNT, PASSPORT, DRIVERS_LICENSE,
 * PHONE, EMAIL.
 */
public final class PiiDetectors {
  public static final List<String> KINDS =
      List.of("RRN", "ALIEN_RRN", "CARD_NUMBER", "BANK_ACCOUNT", "PASSPORT", "DRIVERS_LICENSE", "PHONE", "EMAIL");

  private static final Pattern RRN = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})-?([1-8])(\\d{6})");
  private static final Pattern LICENSE = Pattern.compile("\\d{2}-\\d{2}-\\d{6}-\\d{2}");
  private static final Pattern PHONE = Pattern.compile("01[016789]-?\\d{3,4}-?\\d{4}");
  private static final Pattern CARD = Pattern.compile("\\d(?:[ -]?\\d){12,18}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{2,6}(?:-\\d{2,7}){2,3}");
  private static final Pattern PASSPORT = Pattern.compile("[MSROD]\\d{8}|[MSROD]\\d{3}[A-Z]\\d{4}");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private PiiDetectors() {}

  /** The kind {@code value} looks like, trying the most specific detector first. */
  public static Optional<String> kindOf(String value) {
    String v = value.strip();
    if (v.length() > 64) {
      return Optional.empty();
    }
    String rrn = rrnKind(v);
    if (rrn != null) {
      return Optional.of(rrn);
    }
    if (LICENSE.matcher(v).matches()) {
      return Optional.of("DRIVERS_LICENSE");
    }
    if (PHONE.matcher(v).matches()) {
      return Optional.of("PHONE");
    }
    if (CARD.matcher(v).matches() && luhn(digits(v))) {
      return Optional.of("CARD_NUMBER");
    }
    if (ACCOUNT.matcher(v).matches()) {
      int n = digits(v).length();
      if (n >= 10 && n <= 14) {
        return Optional.of("BANK_ACCOUNT");
      }
    }
    if (PASSPORT.matcher(v).matches()) {
      return Optional.of("PASSPORT");
    }
    if (EMAIL.matcher(v).matches()) {
      return Optional.of("EMAIL");
    }
    return Optional.empty();
  }

  /**
   * RRN or ALIEN_RRN for {@code YYMMDD-GNNNNNN} with a valid date and check digit (7th digit 1-4:
   * 주민등록번호, 5-8: 외국인등록번호), else null.
   */
  static @Nullable String rrnKind(String v) {
    var m = RRN.matcher(v);
    if (!m.matches()) {
      return null;
    }
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    String d = digits(v);
    int sum = 0;
    int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    for (int i = 0; i < 12; i++) {
      sum += (d.charAt(i) - '0') * weights[i];
    }
    int gender = d.charAt(6) - '0';
    boolean alien = gender >= 5;
    int check = ((alien ? 13 : 11) - sum % 11) % 10;
    if (check != d.charAt(12) - '0') {
      return null;
    }
    return alien ? "ALIEN_RRN" : "RRN";
  }

  /** The Luhn (mod 10) check of a digit string. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int n = digits.charAt(i) - '0';
      if (twice) {
        n *= 2;
        if (n > 9) {
          n -= 9;
        }
      }
      sum += n;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  /** The kind a column name suggests ({@code customer_rrn}, {@code phoneNo}, {@code 계좌번호}), if any. */
  public static Optional<String> kindOfName(String column) {
    String lower = column.toLowerCase(Locale.ROOT);
    if (lower.contains("외국인")) {
      return Optional.of("ALIEN_RRN");
    }
    if (lower.contains("주민")) {
      return Optional.of("RRN");
    }
    if (lower.contains("계좌")) {
      return Optional.of("BANK_ACCOUNT");
    }
    if (lower.contains("여권")) {
      return Optional.of("PASSPORT");
    }
    if (lower.contains("면허")) {
      return Optional.of("DRIVERS_LICENSE");
    }
    // Words of the name: snake_case, kebab-case and camelCase split apart.
    String[] words = column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
    for (String w : words) {
      String kind = wordKind(w);
      if (kind != null) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static @Nullable String wordKind(String w) {
    if (w.equals("rrn") || w.equals("ssn") || w.startsWith("jumin") || w.startsWith("resident")) {
      return "RRN";
    }
    if (w.equals("pan") || w.startsWith("card")) {
      return "CARD_NUMBER";
    }
    if (w.startsWith("account") || w.startsWith("acct")) {
      return "BANK_ACCOUNT";
    }
    if (w.startsWith("passport")) {
      return "PASSPORT";
    }
    if (w.startsWith("license") || w.startsWith("licence")) {
      return "DRIVERS_LICENSE";
    }
    if (w.startsWith("phone") || w.startsWith("mobile") || w.equals("tel") || w.equals("telno")) {
      return "PHONE";
    }
    if (w.startsWith("email") || w.startsWith("mail") || w.equals("e_mail")) {
      return "EMAIL";
    }
    return null;
  }

  /**
   * {@code value} masked for the report; never the whole value. RRN: date and the 7th digit
   * ({@code 900101-1******}); card: first and last 4 digits ({@code 4111-****-****-1111}); e-mail:
   * first 2 characters and the domain ({@code ab***@example.com}); others: the first 3 characters.
   * Separators ({@code -}, space, {@code .}) stay; every other character is {@code *}.
   */
  public static String mask(String kind, String value) {
    String v = value.strip();
    return switch (kind) {
      case "RRN", "ALIEN_RRN" -> maskAfter(v, v.length() > 6 && v.charAt(6) == '-' ? 8 : 7, 0);
      case "CARD_NUMBER" -> maskDigits(v, 4, 4);
      case "EMAIL" -> {
        int at = v.indexOf('@');
        yield at < 0 ? maskAfter(v, 2, 0) : v.substring(0, Math.min(2, at)) + "***" + v.substring(at);
      }
      default -> maskAfter(v, 3, 0);
    };
  }

  private static String maskAfter(String v, int keepFirst, int keepLast) {
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean keep = i < keepFirst || i >= v.length() - keepLast || isSeparator(c);
      sb.append(keep ? c : '*');
    }
    return sb.toString();
  }

  private static String maskDigits(String v, int keepFirst, int keepLast) {
    int total = digits(v).length();
    StringBuilder sb = new StringBuilder(v.length());
    int seen = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isDigit(c)) {
        sb.append(seen < keepFirst || seen >= total - keepLast ? c : '*');
        seen++;
      } else {
        sb.append(isSeparator(c) ? c : '*');
      }
    }
    return sb.toString();
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == ' ' || c == '.';
  }

  private static String digits(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      if (Character.isDigit(v.charAt(i))) {
        sb.append(v.charAt(i));
      }
    }
    return sb.toString();
  }
}
