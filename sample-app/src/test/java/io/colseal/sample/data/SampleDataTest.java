package io.colseal.sample.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.sample.model.CardBrand;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleDataTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
  private static final List<CustomerProfile> CUSTOMERS = new SampleData(SampleData.DEFAULT_SEED, TODAY).customers(2000);

  @Test
  void customers_sameSeedAndDate_sameData() {
    assertEquals(CUSTOMERS.subList(0, 50), new SampleData(SampleData.DEFAULT_SEED, TODAY).customers(50));
  }

  @Test
  void customers_otherSeed_otherPeople() {
    List<CustomerProfile> other = new SampleData(SampleData.DEFAULT_SEED + 1, TODAY).customers(50);
    assertNotEquals(CUSTOMERS.subList(0, 50).stream().map(CustomerProfile::residentRegistrationNumber).toList(),
        other.stream().map(CustomerProfile::residentRegistrationNumber).toList());
  }

  @Test
  void customer_index_doesNotDependOnCount() {
    assertEquals(CUSTOMERS.get(1499), new SampleData(SampleData.DEFAULT_SEED, TODAY).customer(1500));
  }

  @Test
  void customer_emailAndMemberNumber_followTheIndex() {
    CustomerProfile p = CUSTOMERS.get(41);
    assertEquals("customer42@example.com", p.email());
    assertEquals("C0000042", p.memberNumber());
  }

  @Test
  void customers_emailsAndMemberNumbers_unique() {
    Set<String> emails = new HashSet<>();
    Set<String> members = new HashSet<>();
    for (CustomerProfile p : CUSTOMERS) {
      assertTrue(emails.add(p.email()), p.email());
      assertTrue(members.add(p.memberNumber()), p.memberNumber());
    }
  }

  @Test
  void customers_names_areThreeHangulSyllables() {
    for (CustomerProfile p : CUSTOMERS) {
      assertTrue(p.name().matches("[\\uAC00-\\uD7A3]{3}"), p.memberNumber());
    }
  }

  @Test
  void customers_residentRegistrationNumbers_validAndMatchBirthDate() {
    for (CustomerProfile p : CUSTOMERS) {
      String rrn = p.residentRegistrationNumber();
      assertTrue(ResidentRegistrationNumber.isValid(rrn), p.memberNumber());
      assertEquals(p.birthDate(), ResidentRegistrationNumber.birthDate(rrn), p.memberNumber());
    }
  }

  @Test
  void customers_bothSexesAndCenturies_occur() {
    Set<Character> sexDigits = new HashSet<>();
    CUSTOMERS.forEach(p -> sexDigits.add(p.residentRegistrationNumber().charAt(7)));
    assertEquals(Set.of('1', '2', '3', '4'), sexDigits);
  }

  @Test
  void customers_ages_between20And75() {
    for (CustomerProfile p : CUSTOMERS) {
      assertFalse(p.birthDate().isBefore(TODAY.minusYears(75)), p.memberNumber());
      assertFalse(p.birthDate().isAfter(TODAY.minusYears(20)), p.memberNumber());
    }
  }

  @Test
  void customers_phones_areKoreanMobileNumbers() {
    Pattern mobile = Pattern.compile("010-[2-9]\\d{3}-\\d{4}");
    for (CustomerProfile p : CUSTOMERS) {
      assertTrue(mobile.matcher(p.phone()).matches(), p.phone());
    }
  }

  @Test
  void customers_cardNumbers_luhnValidSixteenDigitsOfTheirBrand() {
    for (CustomerProfile p : CUSTOMERS) {
      String n = p.cardNumber();
      assertTrue(n.matches("\\d{16}"), p.memberNumber());
      assertTrue(Luhn.isValid(n), p.memberNumber());
      if (p.cardBrand() == CardBrand.VISA) {
        assertTrue(n.startsWith("4"), p.memberNumber());
      } else {
        assertTrue(n.matches("5[1-5]\\d{14}"), p.memberNumber());
      }
    }
  }

  @Test
  void customers_expiries_withinFiveYearsAhead() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MM/yy");
    for (CustomerProfile p : CUSTOMERS) {
      YearMonth expiry = YearMonth.parse(p.cardExpiry(), f);
      assertTrue(expiry.isAfter(YearMonth.from(TODAY)), p.cardExpiry());
      assertFalse(expiry.isAfter(YearMonth.from(TODAY).plusMonths(60)), p.cardExpiry());
    }
  }

  @Test
  void customers_accountNumbers_matchTheirBanksFormat() {
    for (CustomerProfile p : CUSTOMERS) {
      Bank bank = bankNamed(p.bankName());
      String shape = bank.accountNumber(new java.util.SplittableRandom(0)).replaceAll("\\d", "N");
      assertEquals(shape, p.accountNumber().replaceAll("\\d", "N"), p.memberNumber());
    }
  }

  @Test
  void customers_valuesFitTheirColumnLengths() {
    for (CustomerProfile p : CUSTOMERS) {
      assertTrue(p.name().length() <= 50 && p.email().length() <= 254 && p.phone().length() <= 20
          && p.residentRegistrationNumber().length() <= 14 && p.cardNumber().length() <= 19
          && p.cardExpiry().length() <= 5 && p.accountNumber().length() <= 30 && p.bankName().length() <= 40,
          p.memberNumber());
    }
  }

  @Test
  void toString_showsMemberNumberOnly() {
    CustomerProfile p = CUSTOMERS.get(0);
    assertEquals("CustomerProfile[C0000001]", p.toString());
  }

  @Test
  void customer_indexZero_throwsIllegalArgumentException() {
    SampleData data = new SampleData(1, TODAY);
    assertThrows(IllegalArgumentException.class, () -> data.customer(0));
  }

  private static Bank bankNamed(String name) {
    for (Bank b : Bank.values()) {
      if (b.displayName().equals(name)) {
        return b;
      }
    }
    throw new AssertionError("no bank named " + name);
  }
}
