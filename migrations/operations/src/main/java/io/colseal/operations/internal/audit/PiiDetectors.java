package io.colseal.operations.internal.audit;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises Korean personal data and payment card numbers in column names and values, and masks
 * values for the report. Kinds: RRN, ALIEN_RRN, CARD_NUMBER, BANK_ACCOUNT, PASSPORT, DRIVERS_LICENSE,
 * PHONE, EMAIL; and PASSWORD for values of a password column that are no recognised one-way hash.
 *
 * <p>Design note: values are searched, not only matched whole, so that a number inside a memo or a
 * JSON document counts. Every pattern is anchored: it may not touch a letter or digit on either side
 * (a phone number inside a longer digit run is no phone number). A match is <em>strong</em> when its
 * shape alone is evidence (a check digit, a separator layout only that kind uses, an {@code @}), and
 * <em>weak</em> when the same digits could be something else; weak shapes (dashless account numbers,
 * foreign passports, dashless licence numbers, an RRN without a valid check digit) are only looked
 * for where the column's name or a keyword just before the value names the kind. Overlapping matches
 * go to the kind tried first.
 */
public final class PiiDetectors {
  public static final List<String> KINDS =
      List.of("RRN", "ALIEN_RRN", "CARD_NUMBER", "BANK_ACCOUNT", "PASSPORT", "DRIVERS_LICENSE", "PHONE", "EMAIL");

  /** The kind of a password column whose values are not all one-way hashes. */
  public static final String PASSWORD = "PASSWORD";

  /** One occurrence of a kind in a value. */
  public record Match(String kind, int start, int end, boolean strong) {}

  private static final String L = "(?<![0-9A-Za-z-])";
  private static final String R = "(?![0-9A-Za-z]|-\\d)";
  private static final int MAX_TEXT = 8192;
  private static final int CONTEXT = 24;

  private static final Pattern RRN_DASHED = Pattern.compile(L + "(\\d{6}) ?- ?([1-8]\\d{6})" + R);
  private static final Pattern RRN_PLAIN = Pattern.compile(L + "(\\d{6})([1-8]\\d{6})" + R);
  private static final Pattern LICENSE = Pattern.compile(
      L + "(?:(?:1[1-9]|2[0-8])|서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산)[ -]?\\d{2}-\\d{6}-\\d{2}"
          + R);
  private static final Pattern LICENSE_PLAIN = Pattern.compile(L + "(?:1[1-9]|2[0-8])\\d{10}" + R);
  private static final Pattern MOBILE = Pattern.compile(
      "(?<![0-9A-Za-z+-])(?:\\+82[ .-]?(?:\\(0\\))?[ .-]?1[016789]|01[016789])[ .-]?\\d{3,4}[ .-]?\\d{4}" + R);
  private static final Pattern LANDLINE = Pattern.compile(
      "(?<![0-9A-Za-z+-])(?:\\+82[ .-]?(?:2|[3-6][1-5]|70)[ .-]|\\(?0(?:2|[3-6][1-5]|70|50[2-8])\\)?[ .-]?)"
          + "\\d{3,4}[ .-]\\d{4}" + R);
  private static final Pattern CARD = Pattern.compile(L + "\\d{4}(?:[ -]?\\d{2,7}){2,4}" + R);
  private static final Pattern ACCOUNT_DASHED = Pattern.compile(L + "\\d{2,6}(?:-\\d{2,7}){2,3}" + R);
  private static final Pattern ACCOUNT_PLAIN = Pattern.compile(L + "\\d{10,14}" + R);
  private static final Pattern PASSPORT_KR = Pattern.compile(L + "(?:[MSROD]\\d{8}|[MSROD]\\d{3}[A-Z]\\d{4})" + R);
  private static final Pattern PASSPORT_FOREIGN = Pattern.compile(L + "(?:[A-Z]{1,2}\\d{7,8}|[A-Z0-9]{9}|\\d{9})" + R);
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])");

  /** Separator layouts of Korean banks' account numbers (group lengths). */
  // Compiled once: these run on every sampled value of every column.
  private static final Pattern RRN_SHAPE = Pattern.compile("\\d{6}-?\\d{7}");
  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final Pattern RRN_BACK = Pattern.compile("[1-8]\\d{6}");
  private static final Pattern CARD_CHARS = Pattern.compile("[0-9 -]{13,23}");
  private static final Pattern CARD_LAYOUT = Pattern.compile("4-4-4-[1-7]|4-4-4-4-[1-3]|4-6-[45]");
  /** Words that make a password-named column about the password rather than the password itself. */
  private static final Set<String> NOT_THE_PASSWORD = Set.of("hint", "reset", "changed", "updated", "expires",
      "expired", "expiry", "date", "at", "policy", "length", "question", "token", "salt", "algo", "algorithm", "version",
      "attempts", "count", "failures", "fail", "required", "set");
  private static final Set<String> ACCOUNT_LAYOUTS = Set.of("3-2-6", "3-3-6", "3-6-2-3", "3-4-4-2", "6-2-6", "4-3-6",
      "3-6-5", "4-2-7", "4-4-4", "3-6-3", "3-4-6", "3-3-5", "6-2-7", "3-2-6-1", "2-6-3");

  private static final Pattern HASH = Pattern.compile(String.join("|",
      "\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}", // bcrypt
      "\\$argon2(?:id|i|d)\\$v=\\d+\\$m=\\d+,t=\\d+,p=\\d+\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+", // argon2 PHC
      "\\$scrypt\\$.+", "\\$7\\$[./A-Za-z0-9]{11,}\\$.+", // scrypt (PHC, crypt)
      "pbkdf2_sha(?:1|256|512)\\$\\d+\\$[^$]+\\$[A-Za-z0-9+/=]+", // Django
      "\\$pbkdf2(?:-sha(?:1|256|512))?\\$\\d+\\$[./A-Za-z0-9+=]+\\$[./A-Za-z0-9+=]+", // passlib / PHC
      "\\{(?:bcrypt|pbkdf2|scrypt|argon2|sha256)\\}.+", // Spring DelegatingPasswordEncoder
      "[0-9a-fA-F]{64,128}")); // a bare SHA-2 digest: one-way, if not a password hash
  private static final Pattern SPRING_BCRYPT = Pattern.compile("\\{bcrypt\\}(.*)");

  private PiiDetectors() {}

  /** The kind {@code value} as a whole looks like, trying the most specific detector first. */
  public static Optional<String> kindOf(String value) {
    String v = value.strip();
    if (v.length() > 64) {
      return Optional.empty();
    }
    return find(v, null).stream().filter(m -> m.start() == 0 && m.end() == v.length()).map(Match::kind).findFirst();
  }

  /**
   * Every occurrence of a kind in {@code text} (free text, JSON, or a single value), in text order.
   * {@code nameKind}, the kind the column's name points to, also admits that kind's weak shapes.
   * Only the first 8,192 characters are searched.
   */
  public static List<Match> find(String text, @Nullable String nameKind) {
    String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    List<Match> out = new ArrayList<>();
    if (t.indexOf('@') >= 0) {
      add(out, EMAIL, t, m -> "EMAIL", true);
    }
    if (!hasDigit(t)) {
      out.sort((a, b) -> Integer.compare(a.start(), b.start()));
      return out;
    }
    Matcher m = RRN_DASHED.matcher(t);
    while (m.find()) {
      addRrn(out, t, m, true, nameKind);
    }
    m = RRN_PLAIN.matcher(t);
    while (m.find()) {
      addRrn(out, t, m, false, nameKind);
    }
    add(out, LICENSE, t, x -> "DRIVERS_LICENSE", true);
    add(out, MOBILE, t, x -> "PHONE", true);
    add(out, LANDLINE, t, x -> "PHONE", true);
    m = CARD.matcher(t);
    while (m.find()) {
      String d = digits(m.group());
      if (d.length() >= 13 && d.length() <= 19 && luhn(d) && iin(d) && cardLayout(m.group())) {
        boolean grouped = !m.group().equals(d);
        boolean context = "CARD_NUMBER".equals(nameKind) || keyword(t, m.start(), "카드", "card", "visa", "master",
            "결제", "pan");
        addIfFree(out, new Match("CARD_NUMBER", m.start(), m.end(), grouped || context));
      }
    }
    m = ACCOUNT_DASHED.matcher(t);
    while (m.find()) {
      if (ACCOUNT_LAYOUTS.contains(layout(m.group()))) {
        addIfFree(out, new Match("BANK_ACCOUNT", m.start(), m.end(), true));
      }
    }
    add(out, PASSPORT_KR, t, x -> "PASSPORT", false);
    boolean accountContext = "BANK_ACCOUNT".equals(nameKind);
    boolean passportContext = "PASSPORT".equals(nameKind);
    boolean licenseContext = "DRIVERS_LICENSE".equals(nameKind);
    m = ACCOUNT_PLAIN.matcher(t);
    while (m.find()) {
      if (accountContext || keyword(t, m.start(), "계좌", "account", "acct", "입금", "송금", "은행", "bank")) {
        addIfFree(out, new Match("BANK_ACCOUNT", m.start(), m.end(), true));
      }
    }
    m = PASSPORT_FOREIGN.matcher(t);
    while (m.find()) {
      if ((passportContext || keyword(t, m.start(), "passport", "여권")) && hasDigit(m.group())) {
        addIfFree(out, new Match("PASSPORT", m.start(), m.end(), true));
      }
    }
    m = LICENSE_PLAIN.matcher(t);
    while (m.find()) {
      if (licenseContext || keyword(t, m.start(), "면허", "license", "licence")) {
        addIfFree(out, new Match("DRIVERS_LICENSE", m.start(), m.end(), true));
      }
    }
    out.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return out;
  }

  private static void addRrn(List<Match> out, String t, Matcher m, boolean dashed, @Nullable String nameKind) {
    String kind = rrnKind(m.group(1) + m.group(2));
    boolean context = "RRN".equals(nameKind) || "ALIEN_RRN".equals(nameKind)
        || keyword(t, m.start(), "주민", "외국인", "rrn", "jumin", "resident");
    if (kind != null && (dashed || context || m.start() == 0 && m.end() == t.length())) {
      addIfFree(out, new Match(kind, m.start(), m.end(), true));
    } else if (kind == null && context && validBirthDate(m.group(1), m.group(2).charAt(0) - '0')) {
      // Shape and date of an RRN where the name says RRN: numbers changed since October 2020 carry no check digit.
      int g = m.group(2).charAt(0) - '0';
      addIfFree(out, new Match(g >= 5 ? "ALIEN_RRN" : "RRN", m.start(), m.end(), false));
    }
  }

  private interface KindOf {
    String kind(Matcher m);
  }

  private static void add(List<Match> out, Pattern p, String t, KindOf kind, boolean strong) {
    Matcher m = p.matcher(t);
    while (m.find()) {
      addIfFree(out, new Match(kind.kind(m), m.start(), m.end(), strong));
    }
  }

  private static void addIfFree(List<Match> out, Match candidate) {
    for (Match m : out) {
      if (candidate.start() < m.end() && m.start() < candidate.end()) {
        return;
      }
    }
    out.add(candidate);
  }

  /** Whether one of {@code words} occurs (case-insensitively) in the 24 characters before {@code at}. */
  private static boolean keyword(String t, int at, String... words) {
    String before = t.substring(Math.max(0, at - CONTEXT), at).toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * RRN or ALIEN_RRN for the 13 digits {@code YYMMDDGNNNNNN} (separators allowed) with a valid date
   * and either a valid check digit (7th digit 1-4: 주민등록번호, 5-8: 외국인등록번호) or a birth
   * date on or after 2020-10-01, from when new numbers carry no check digit; else null.
   */
  static @Nullable String rrnKind(String v) {
    String d = digits(v);
    if (d.length() != 13 || !RRN_SHAPE.matcher(v).matches()) {
      return null;
    }
    int gender = d.charAt(6) - '0';
    if (gender < 1 || gender > 8 || !validBirthDate(d.substring(0, 6), gender)) {
      return null;
    }
    boolean alien = gender >= 5;
    String kind = alien ? "ALIEN_RRN" : "RRN";
    if (checkDigitValid(d)) {
      return kind;
    }
    LocalDate birth = birthDate(d.substring(0, 6), gender);
    return birth != null && !birth.isBefore(LocalDate.of(2020, 10, 1)) ? kind : null;
  }

  static boolean checkDigitValid(String d) {
    int sum = 0;
    int[] weights = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    for (int i = 0; i < 12; i++) {
      sum += (d.charAt(i) - '0') * weights[i];
    }
    boolean alien = d.charAt(6) - '0' >= 5;
    int check = ((alien ? 13 : 11) - sum % 11) % 10;
    return check == d.charAt(12) - '0';
  }

  private static boolean validBirthDate(String yymmdd, int gender) {
    return birthDate(yymmdd, gender) != null;
  }

  /** The birth date of {@code YYMMDD} with the century the 7th digit gives, or null if no date. */
  static @Nullable LocalDate birthDate(String yymmdd, int gender) {
    if (yymmdd.length() != 6 || gender < 1 || gender > 8) {
      return null;
    }
    int century = gender == 1 || gender == 2 || gender == 5 || gender == 6 ? 1900 : 2000;
    try {
      return LocalDate.of(century + Integer.parseInt(yymmdd.substring(0, 2)), Integer.parseInt(yymmdd.substring(2, 4)),
          Integer.parseInt(yymmdd.substring(4, 6)));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** Whether {@code value} is a 6-digit {@code YYMMDD} date: the front half of a split RRN. */
  public static boolean isRrnFront(String value) {
    String v = value.strip();
    return SIX_DIGITS.matcher(v).matches() && (birthDate(v, 1) != null || birthDate(v, 3) != null);
  }

  /** Whether {@code value} is the 7-digit back half of a split RRN ({@code GNNNNNN}, G 1-8). */
  public static boolean isRrnBack(String value) {
    return RRN_BACK.matcher(value.strip()).matches();
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

  /**
   * Whether {@code d} starts with an issuer identification number of a card network and has that
   * network's length: Visa, Mastercard (51-55, 2221-2720), American Express, Discover, JCB, UnionPay,
   * Diners Club.
   */
  static boolean iin(String d) {
    int n = d.length();
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    if (d.charAt(0) == '4') {
      return n == 13 || n == 16 || n == 19;
    }
    if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {
      return n == 16;
    }
    if (p2 == 34 || p2 == 37) {
      return n == 15;
    }
    if (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649 || p2 == 62 || p4 >= 3528 && p4 <= 3589) {
      return n >= 16 && n <= 19;
    }
    if (p2 == 36 || p3 >= 300 && p3 <= 305 || p2 == 38 || p2 == 39) {
      return n >= 14 && n <= 19;
    }
    return false;
  }

  /** Whether a 13-19 digit run of {@code d}, Luhn-valid, has no card issuer: a decoy shape. */
  public static boolean luhnWithoutIssuer(String value) {
    String d = digits(value.strip());
    return CARD_CHARS.matcher(value.strip()).matches() && d.length() >= 13 && d.length() <= 19 && luhn(d) && !iin(d);
  }

  /** No separators, one separator kind in groups of 4 (last 1-4), or Amex's 4-6-5 / 4-6-4. */
  private static boolean cardLayout(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return true;
    }
    String l = layout(s.replace(' ', '-'));
    return CARD_LAYOUT.matcher(l).matches();
  }

  private static String layout(String s) {
    StringBuilder sb = new StringBuilder();
    for (String g : s.split("-")) {
      if (!sb.isEmpty()) {
        sb.append('-');
      }
      sb.append(g.length());
    }
    return sb.toString();
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
    if (lower.contains("카드")) {
      return Optional.of("CARD_NUMBER");
    }
    if (lower.contains("휴대") || lower.contains("전화") || lower.contains("연락처")) {
      return Optional.of("PHONE");
    }
    if (lower.contains("메일")) {
      return Optional.of("EMAIL");
    }
    for (String w : words(column)) {
      String kind = wordKind(w);
      if (kind != null) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Words of the name: snake_case, kebab-case and camelCase split apart, lower case. */
  private static String[] words(String column) {
    return column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
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
    if (w.startsWith("phone") || w.startsWith("mobile") || w.equals("tel") || w.equals("telno")
        || w.equals("cellphone")) {
      return "PHONE";
    }
    if (w.startsWith("email") || w.startsWith("mail") || w.equals("e_mail")) {
      return "EMAIL";
    }
    return null;
  }

  /**
   * Whether the name says the column lists something that only looks like a card number (tracking,
   * invoice, order, serial numbers): Luhn-valid ids there are no cards unless the name also says card.
   */
  public static boolean nameDeniesCard(String column) {
    String lower = column.toLowerCase(Locale.ROOT);
    if (lower.contains("송장") || lower.contains("운송장") || lower.contains("주문")) {
      return true;
    }
    for (String w : words(column)) {
      if (w.startsWith("track") || w.startsWith("waybill") || w.startsWith("invoice") || w.startsWith("order")
          || w.startsWith("shipment") || w.startsWith("parcel") || w.startsWith("barcode") || w.startsWith("serial")
          || w.equals("sku") || w.equals("ean") || w.equals("upc") || w.equals("imei") || w.equals("isbn")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the name says the column holds passwords ({@code password}, {@code passwd}, {@code pwd},
   * {@code user_pw}, {@code 비밀번호}), not data about them ({@code password_changed_at},
   * {@code password_hint}, {@code pwd_salt}).
   */
  public static boolean isPasswordName(String column) {
    String lower = column.toLowerCase(Locale.ROOT);
    boolean named = lower.contains("비밀번호") || lower.contains("패스워드");
    boolean about = false;
    for (String w : words(column)) {
      named |= w.startsWith("password") || w.equals("passwd") || w.equals("pwd") || w.equals("pw")
          || w.equals("passcode");
      about |= NOT_THE_PASSWORD.contains(w);
    }
    return named && !about;
  }

  /**
   * Whether {@code value} is a one-way hash in a recognised format: bcrypt ({@code $2a$}, {@code
   * $2b$}, {@code $2y$}), argon2 ({@code $argon2id$}...), scrypt ({@code $scrypt$}, {@code $7$}),
   * PBKDF2 (Django {@code pbkdf2_sha256$}, passlib {@code $pbkdf2-sha256$}), Spring's {@code
   * {bcrypt}}, {@code {pbkdf2}}, {@code {scrypt}}, {@code {argon2}} prefixes, or a bare SHA-2
   * digest in hex. Spring's {@code {noop}} is plaintext.
   */
  public static boolean isPasswordHash(String value) {
    String v = value.strip();
    Matcher spring = SPRING_BCRYPT.matcher(v);
    if (spring.matches()) {
      return HASH.matcher(spring.group(1)).matches();
    }
    return HASH.matcher(v).matches();
  }

  /**
   * {@code value} masked for the report; never the whole value. RRN: date and the 7th digit
   * ({@code 900101-1******}); card: first and last 4 digits ({@code 4111-****-****-1111}); e-mail:
   * first 2 characters and the domain ({@code ab***@example.com}); password: {@code ********}
   * whatever its length; others: the first 3 characters. Separators ({@code -}, space, {@code .})
   * stay; every other character is {@code *}.
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
      case PASSWORD -> "********";
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

  private static boolean hasDigit(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }

  static String digits(String v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        sb.append(v.charAt(i));
      }
    }
    return sb.toString();
  }
}
