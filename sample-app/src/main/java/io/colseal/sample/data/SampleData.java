package io.colseal.sample.data;

import static java.util.Objects.requireNonNull;

import io.colseal.sample.model.CardBrand;
import io.colseal.sample.model.CustomerTier;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates made-up customers that look real. Customer {@code n} depends only on the seed, {@code
 * n} and the reference date, so a run of 1,000 customers starts with the same 10 as a run of 10.
 *
 * <p>Thread safe: instances are immutable and each customer gets its own random generator.
 */
public final class SampleData {
  /** The seed the demo uses, so every run writes the same people. */
  public static final long DEFAULT_SEED = 0x5EA1_C0DE_2026L;

  private static final String[] SURNAMES = {
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"
  };
  private static final String[] MALE_NAMES = {
    "민준", "서준", "도윤", "예준", "시우", "하준", "주원", "지호", "지후", "준우",
    "현우", "건우", "우진", "선우", "서진", "민재", "현준", "연우", "유준", "정우"
  };
  private static final String[] FEMALE_NAMES = {
    "서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민",
    "채원", "수아", "지아", "지윤", "은서", "다은", "예은", "수빈", "소윤", "예린"
  };
  private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("MM/yy");

  private final long seed;
  private final LocalDate today;

  /**
   * @param seed makes the data reproducible
   * @param today reference date for ages (20 to 75) and card expiries (1 to 60 months ahead)
   */
  public SampleData(long seed, LocalDate today) {
    this.seed = seed;
    this.today = requireNonNull(today, "today");
  }

  /** Customers 1 to {@code count}. */
  public List<CustomerProfile> customers(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    List<CustomerProfile> out = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      out.add(customer(i));
    }
    return out;
  }

  /** Customer number {@code index} (from 1). */
  public CustomerProfile customer(int index) {
    if (index < 1) {
      throw new IllegalArgumentException("customers are numbered from 1, got " + index);
    }
    SplittableRandom r = new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + index);
    boolean male = r.nextBoolean();
    String name = SURNAMES[r.nextInt(SURNAMES.length)]
        + (male ? MALE_NAMES[r.nextInt(MALE_NAMES.length)] : FEMALE_NAMES[r.nextInt(FEMALE_NAMES.length)]);
    LocalDate oldest = today.minusYears(75);
    LocalDate youngest = today.minusYears(20);
    LocalDate birthDate = oldest.plusDays(r.nextLong(ChronoUnit.DAYS.between(oldest, youngest) + 1));
    String rrn = ResidentRegistrationNumber.of(birthDate, male, digits(r, 5));
    String phone = String.format("010-%04d-%04d", 2000 + r.nextInt(8000), r.nextInt(10_000));
    CardBrand brand = r.nextInt(10) < 6 ? CardBrand.VISA : CardBrand.MASTERCARD;
    String cardPayload = brand == CardBrand.VISA ? "4" + digits(r, 14) : "5" + (1 + r.nextInt(5)) + digits(r, 13);
    String cardNumber = cardPayload + Luhn.checkDigit(cardPayload);
    String expiry = YearMonth.from(today).plusMonths(1 + r.nextInt(60)).format(EXPIRY);
    Bank bank = Bank.values()[r.nextInt(Bank.values().length)];
    return new CustomerProfile(
        index,
        String.format("C%07d", index),
        name,
        "customer" + index + "@example.com",
        phone,
        rrn,
        birthDate,
        tier(r.nextInt(100)),
        brand,
        cardNumber,
        expiry,
        bank.displayName(),
        bank.accountNumber(r));
  }

  private static CustomerTier tier(int percentile) {
    if (percentile < 55) {
      return CustomerTier.BASIC;
    }
    if (percentile < 80) {
      return CustomerTier.SILVER;
    }
    return percentile < 95 ? CustomerTier.GOLD : CustomerTier.VIP;
  }

  private static String digits(SplittableRandom r, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }
}
