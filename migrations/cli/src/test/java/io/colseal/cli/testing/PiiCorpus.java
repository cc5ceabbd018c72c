package io.colseal.cli.testing;

import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A labelled corpus for the PII scan (issue 15, part P), generated from a fixed seed into two schemas
 * of one database: several thousand values per kind, and decoys that fooled the scan before.
 * Labels are {@code table.column -> kind -> values planted}; the table is qualified with its schema
 * for the second schema, as the scan reports it.
 *
 * <p>Planted: RRNs (with check digit, and born from October 2020 without one) whole, inside ~2% of
 * memo rows and split over {@code jumin1}/{@code jumin2}; alien registration numbers; mobile phones
 * dashed, dashless and {@code +82}, after 1,000 empty strings; e-mail; phone and e-mail inside JSON
 * documents; a column mixing e-mail and phones; card numbers (Visa, Mastercard, Amex, grouped and
 * not); bank accounts with and without dashes; Korean and foreign passports; driver's licences;
 * plaintext passwords beside bcrypt hashes. Decoys: Luhn-valid tracking and reference ids, booleans,
 * dates and numbers named like PII, character columns named like PII holding something else, free
 * text with dates, amounts and versions, a password column of hashes only.
 */
public final class PiiCorpus {
  private static final char[] BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final TestDatabase.Kind kind;
  private final Random random = new Random(15);
  private final Map<String, Map<String, Integer>> labels = new TreeMap<>();

  private PiiCorpus(TestDatabase.Kind kind) {
    this.kind = kind;
  }

  /** Writes the corpus into {@code main} (the connection's schema) and {@code second}; returns the labels. */
  public static Map<String, Map<String, Integer>> write(Connection c, TestDatabase.Kind kind, String second)
      throws SQLException {
    PiiCorpus p = new PiiCorpus(kind);
    p.main(c);
    p.second(c, second);
    return p.labels;
  }

  private void main(Connection c) throws SQLException {
    int n = 3000;
    table(c, "customers", "name VARCHAR(40), rrn VARCHAR(20), phone VARCHAR(30), email VARCHAR(120),"
        + " phone_verified BOOLEAN, email_sent_at DATE, card_count INTEGER, account_balance BIGINT,"
        + " phone_model VARCHAR(40), email_status VARCHAR(20)", n, i -> new Object[] {
            "고객" + i, rrnValue(i), mobile(), email(), i % 2 == 0, LocalDate.of(2024, 1, 1).plusDays(i % 300),
            i % 4, (long) random.nextInt(90_000_000), "Galaxy S" + (20 + i % 5), i % 3 == 0 ? "SENT" : "BOUNCED"});
    label("customers.rrn", "RRN", n);
    label("customers.phone", "PHONE", n);
    label("customers.email", "EMAIL", n);

    int memos = 5000;
    int[] planted = {0};
    table(c, "memos", "memo " + text(), memos, i -> {
      if (random.nextInt(50) == 0) {
        planted[0]++;
        String r = rrn();
        return new Object[] {random.nextBoolean() ? "고객 본인확인 요청, 번호 " + r + " 일치 확인함"
            : "주민번호 " + r.replace("-", "") + " 로 조회 요청"};
      }
      return new Object[] {decoyText()};
    });
    label("memos.memo", "RRN", planted[0]);

    int[] phones = {0};
    int[] emails = {0};
    table(c, "profiles", "doc " + json(), n, i -> {
      StringBuilder sb = new StringBuilder("{\"name\": \"회원" + i + "\", \"contact\": {");
      if (random.nextInt(10) < 6) {
        phones[0]++;
        sb.append("\"phone\": \"").append(random.nextBoolean() ? mobile() : "+82 10-" + digits(4) + "-" + digits(4))
            .append("\", ");
      }
      if (random.nextInt(10) < 7) {
        emails[0]++;
        sb.append("\"email\": \"").append(email()).append("\", ");
      }
      sb.append("\"grade\": \"").append(i % 5 == 0 ? "VIP" : "BASIC").append("\"}, \"points\": ")
          .append(random.nextInt(100_000)).append('}');
      return new Object[] {sb.toString()};
    });
    label("profiles.doc", "PHONE", phones[0]);
    label("profiles.doc", "EMAIL", emails[0]);

    table(c, "contacts", "contact VARCHAR(40), reach VARCHAR(120)", 3000, i -> new Object[] {
        i < 1000 ? "" : random.nextBoolean() ? "+82 10 " + digits(4) + " " + digits(4) : "+82-10-" + digits(4) + "-"
            + digits(4), i % 2 == 0 ? email() : mobile()});
    label("contacts.contact", "PHONE", 2000);
    label("contacts.reach", "EMAIL", 1500);
    label("contacts.reach", "PHONE", 1500);

    table(c, "payments", "card_no VARCHAR(30), tracking_no VARCHAR(30), ref_code VARCHAR(30), order_ref VARCHAR(30)",
        n, i -> new Object[] {card(i), luhnId(), luhnId(), "ORD-2024-" + digits(6)});
    label("payments.card_no", "CARD_NUMBER", n);

    table(c, "bank", "acct_no VARCHAR(30), deposit_account VARCHAR(30), branch_code VARCHAR(10)", n,
        i -> new Object[] {digits(11 + random.nextInt(4)), dashedAccount(), "B" + digits(3)});
    label("bank.acct_no", "BANK_ACCOUNT", n);
    label("bank.deposit_account", "BANK_ACCOUNT", n);

    table(c, "travellers", "passport_no VARCHAR(20), driver_license VARCHAR(30), nationality VARCHAR(3)", n,
        i -> new Object[] {passport(i), license(), i % 3 == 0 ? "KOR" : "USA"});
    label("travellers.passport_no", "PASSPORT", n);
    label("travellers.driver_license", "DRIVERS_LICENSE", n);

    table(c, "split_ids", "jumin1 VARCHAR(6), jumin2 VARCHAR(7)", n, i -> {
      String r = rrn();
      return new Object[] {r.substring(0, 6), r.substring(7)};
    });
    label("split_ids.jumin1", "RRN", n);
    label("split_ids.jumin2", "RRN", n);

    table(c, "aliens", "reg_no VARCHAR(20), visa_type VARCHAR(4)", n, i -> new Object[] {alien(), "E-" + (i % 9 + 1)});
    label("aliens.reg_no", "ALIEN_RRN", n);

    int[] plain = {0};
    table(c, "members", "login VARCHAR(40), password VARCHAR(80)", n, i -> {
      boolean p = random.nextInt(10) < 4;
      plain[0] += p ? 1 : 0;
      return new Object[] {"user" + i, p ? "pass" + digits(4) + "!" : bcrypt()};
    });
    label("members.password", "PASSWORD", plain[0]);
    table(c, "admins", "login VARCHAR(40), password_hash VARCHAR(80), password_changed_at DATE", 500,
        i -> new Object[] {"admin" + i, bcrypt(), LocalDate.of(2025, 1, 1).plusDays(i % 200)});

    table(c, "events", "code VARCHAR(30), version VARCHAR(20), notes " + text() + ", rrn_checked BOOLEAN,"
        + " account_opened DATE, card_expiry DATE, amount DECIMAL(12,2)", n, i -> new Object[] {
            "EV-2024-" + digits(6), (i % 4) + "." + (i % 10) + "." + (i % 7), decoyText(), i % 3 == 0,
            LocalDate.of(2020, 1, 1).plusDays(i % 1500), LocalDate.of(2027, 1, 1).plusDays(i % 700),
            new java.math.BigDecimal(random.nextInt(1_000_000) + ".50")});
  }

  private void second(Connection c, String schema) throws SQLException {
    String s = kind == TestDatabase.Kind.H2 ? schema.toUpperCase(Locale.ROOT) : schema;
    String shown = schema.toLowerCase(Locale.ROOT) + ".";
    table(c, s + ".people", "mobile VARCHAR(30), resident_no VARCHAR(20), note VARCHAR(200)", 3000,
        i -> new Object[] {mobile(), rrn(), decoyText()});
    label(shown + "people.mobile", "PHONE", 3000);
    label(shown + "people.resident_no", "RRN", 3000);
    table(c, s + ".audit_log", "action VARCHAR(30), actor_id BIGINT, happened_at TIMESTAMP", 2000,
        i -> new Object[] {i % 2 == 0 ? "LOGIN" : "EXPORT", (long) i, java.sql.Timestamp.valueOf("2025-01-01 00:00:00")});
  }

  private void label(String column, String kind, int values) {
    labels.computeIfAbsent(column, k -> new LinkedHashMap<>()).put(kind, values);
  }

  private void table(Connection c, String name, String columns, int rows, IntFunction<Object[]> row)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, " + columns + ")");
    }
    int width = columns.split(",(?![^(]*\\))").length;
    StringBuilder marks = new StringBuilder("?");
    for (int i = 0; i < width; i++) {
      marks.append(", ").append(name.endsWith("profiles") ? jsonParameter() : "?");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ")")) {
      for (int i = 0; i < rows; i++) {
        Object[] values = row.apply(i);
        ps.setInt(1, i + 1);
        for (int j = 0; j < values.length; j++) {
          if (values[j] instanceof LocalDate d) {
            ps.setObject(j + 2, java.sql.Date.valueOf(d), Types.DATE);
          } else {
            ps.setObject(j + 2, values[j]);
          }
        }
        ps.addBatch();
        if (i % 1000 == 999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private String text() {
    return kind == TestDatabase.Kind.H2 ? "CLOB" : "TEXT";
  }

  private String json() {
    return switch (kind) {
      case POSTGRESQL -> "JSONB";
      case MARIADB, H2 -> "JSON";
    };
  }

  private String jsonParameter() {
    return switch (kind) {
      case POSTGRESQL -> "CAST(? AS JSONB)";
      case MARIADB -> "?";
      case H2 -> "? FORMAT JSON";
    };
  }

  private String decoyText() {
    String[] parts = {"배송 요청 메모", "주문금액 " + random.nextInt(100) + "," + digits(3) + "원", "v" + random.nextInt(9)
        + "." + random.nextInt(20) + "." + random.nextInt(50) + " 배포 후 재확인", "2024-0" + (1 + random.nextInt(9)) + "-1"
        + random.nextInt(10) + " 방문 예정", "문의 #" + digits(6) + " 처리 완료", "총 " + random.nextInt(40) + "개 상자",
        "오후 " + (1 + random.nextInt(11)) + ":" + digits(2) + " 통화"};
    return parts[random.nextInt(parts.length)] + ", " + parts[random.nextInt(parts.length)];
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  /** An RRN; one in ten born from October 2020 without a check digit, every fifth without the dash. */
  private String rrnValue(int i) {
    String r = rrn();
    return i % 5 == 0 ? r.replace("-", "") : r;
  }

  private String rrn() {
    if (random.nextInt(10) == 0) {
      LocalDate d = LocalDate.of(2020, 10, 1).plusDays(random.nextInt(1500));
      return yymmdd(d) + "-" + (3 + random.nextInt(2)) + digits(6);
    }
    LocalDate d = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 50));
    int gender = (d.getYear() >= 2000 ? 3 : 1) + random.nextInt(2);
    return withCheck(yymmdd(d) + gender + digits(5), 11);
  }

  private String alien() {
    LocalDate d = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(365 * 39));
    return withCheck(yymmdd(d) + (5 + random.nextInt(2)) + digits(5), 13);
  }

  private static String yymmdd(LocalDate d) {
    return String.format(Locale.ROOT, "%02d%02d%02d", d.getYear() % 100, d.getMonthValue(), d.getDayOfMonth());
  }

  private static String withCheck(String twelve, int base) {
    int[] w = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * w[i];
    }
    return twelve.substring(0, 6) + "-" + twelve.substring(6) + (base - sum % 11) % 10;
  }

  private String mobile() {
    String mid = digits(4);
    String end = digits(4);
    return switch (random.nextInt(3)) {
      case 0 -> "010-" + mid + "-" + end;
      case 1 -> "010" + mid + end;
      default -> "+82 10-" + mid + "-" + end;
    };
  }

  private String email() {
    String[] domains = {"example.com", "mail.example.co.kr", "corp.example.net"};
    return "user" + digits(5) + (random.nextBoolean() ? ".k" : "_x") + "@" + domains[random.nextInt(domains.length)];
  }

  private String card(int i) {
    String body = switch (i % 3) {
      case 0 -> luhn("4" + digits(14));
      case 1 -> luhn("5" + (1 + random.nextInt(5)) + digits(13));
      default -> luhn("37" + digits(12));
    };
    if (body.length() == 15) {
      return i % 2 == 0 ? body.substring(0, 4) + "-" + body.substring(4, 10) + "-" + body.substring(10) : body;
    }
    return switch (random.nextInt(3)) {
      case 0 -> body.replaceAll("(\\d{4})(?=\\d)", "$1-");
      case 1 -> body.replaceAll("(\\d{4})(?=\\d)", "$1 ");
      default -> body;
    };
  }

  /** A Luhn-valid 16-digit id with any first digit: a tracking or reference number. */
  private String luhnId() {
    return luhn(digits(15));
  }

  private static String luhn(String payload) {
    for (int d = 0; d < 10; d++) {
      String s = payload + d;
      int sum = 0;
      for (int i = 0; i < s.length(); i++) {
        int n = s.charAt(s.length() - 1 - i) - '0';
        if (i % 2 == 1) {
          n = n * 2 > 9 ? n * 2 - 9 : n * 2;
        }
        sum += n;
      }
      if (sum % 10 == 0) {
        return s;
      }
    }
    throw new IllegalStateException();
  }

  private String dashedAccount() {
    String[] layouts = {"3-2-6", "3-3-6", "6-2-6", "4-3-6", "3-6-5", "4-2-7", "3-4-4-2"};
    StringBuilder sb = new StringBuilder();
    for (String g : layouts[random.nextInt(layouts.length)].split("-")) {
      sb.append(sb.isEmpty() ? "" : "-").append(digits(Integer.parseInt(g)));
    }
    return sb.toString();
  }

  private String passport(int i) {
    return switch (i % 5) {
      case 0 -> "M" + digits(8);
      case 1 -> "M" + digits(3) + (char) ('A' + random.nextInt(26)) + digits(4);
      case 2 -> "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26)) + digits(7);
      case 3 -> "E" + digits(8);
      default -> (1 + random.nextInt(9)) + digits(8);
    };
  }

  private String license() {
    String region = String.valueOf(11 + random.nextInt(18));
    return (random.nextInt(4) == 0 ? "서울 " : region + "-") + digits(2) + "-" + digits(6) + "-" + digits(2);
  }

  private String bcrypt() {
    StringBuilder sb = new StringBuilder("$2a$10$");
    for (int i = 0; i < 53; i++) {
      sb.append(BCRYPT[random.nextInt(BCRYPT.length)]);
    }
    return sb.toString();
  }

  /** Kinds of the labels, for the report. */
  public static Set<String> kinds(Map<String, Map<String, Integer>> labels) {
    Set<String> out = new java.util.TreeSet<>();
    labels.values().forEach(m -> out.addAll(m.keySet()));
    return out;
  }
}
