package io.colseal.sample;

import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.Customer;
import io.colseal.sample.model.PaymentCard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads every customer, card and account back through Hibernate, page by page, and compares each
 * value with what was written. Mismatches name the member number and the field, never the values.
 */
final class ReadBack {
  /** One field that did not read back as written, or a row that is missing or unexpected. */
  record Mismatch(String memberNumber, String field) {
    @Override
    public String toString() {
      return memberNumber + " " + field;
    }
  }

  /**
   * What the read pass found.
   *
   * @param encryptedValuesCompared encrypted values read (decrypted) and compared
   */
  record Verification(
      long customersRead, long cardsRead, long accountsRead, long encryptedValuesCompared, List<Mismatch> mismatches) {
    long rowsRead() {
      return customersRead + cardsRead + accountsRead;
    }
  }

  private final Map<String, CustomerProfile> expected = new HashMap<>();
  private final List<Mismatch> mismatches = new ArrayList<>();
  private long compared;

  private ReadBack(List<CustomerProfile> profiles) {
    for (CustomerProfile p : profiles) {
      expected.put(p.memberNumber(), p);
    }
  }

  static Verification verify(SessionFactory sessionFactory, List<CustomerProfile> written, int pageSize) {
    ReadBack r = new ReadBack(written);
    return sessionFactory.fromSession(session -> {
      session.setDefaultReadOnly(true);
      long customers = r.customers(session, pageSize);
      long cards = r.cards(session, pageSize);
      long accounts = r.accounts(session, pageSize);
      return new Verification(customers, cards, accounts, r.compared, List.copyOf(r.mismatches));
    });
  }

  private long customers(Session session, int pageSize) {
    Set<String> seen = new HashSet<>();
    long after = Long.MIN_VALUE;
    while (true) {
      List<Customer> page = session
          .createSelectionQuery("from Customer c where c.id > :after order by c.id", Customer.class)
          .setParameter("after", after)
          .setMaxResults(pageSize)
          .getResultList();
      if (page.isEmpty()) {
        break;
      }
      for (Customer c : page) {
        CustomerProfile p = expectedFor(c.getMemberNumber(), "customer");
        if (p != null && seen.add(p.memberNumber())) {
          encrypted(p, "customer.name", p.name(), c.getName());
          encrypted(p, "customer.email", p.email(), c.getEmail());
          encrypted(p, "customer.phone", p.phone(), c.getPhone());
          encrypted(p, "customer.resident_registration_number", p.residentRegistrationNumber(),
              c.getResidentRegistrationNumber());
          encrypted(p, "customer.birth_date", p.birthDate(), c.getBirthDate());
          plain(p, "customer.tier", p.tier(), c.getTier());
        }
        after = Objects.requireNonNull(c.getId());
      }
      session.clear();
    }
    missing(seen, "customer");
    return seen.size();
  }

  private long cards(Session session, int pageSize) {
    Set<String> seen = new HashSet<>();
    long after = Long.MIN_VALUE;
    long read = 0;
    while (true) {
      List<Object[]> page = session
          .createSelectionQuery(
              "select p.holder.memberNumber, p from PaymentCard p where p.id > :after order by p.id", Object[].class)
          .setParameter("after", after)
          .setMaxResults(pageSize)
          .getResultList();
      if (page.isEmpty()) {
        break;
      }
      for (Object[] row : page) {
        PaymentCard card = (PaymentCard) row[1];
        CustomerProfile p = expectedFor((String) row[0], "payment_card");
        if (p != null && !seen.add(p.memberNumber())) {
          mismatches.add(new Mismatch(p.memberNumber(), "payment_card (more than one)"));
        } else if (p != null) {
          encrypted(p, "payment_card.card_number", p.cardNumber(), card.getCardNumber());
          encrypted(p, "payment_card.expiry", p.cardExpiry(), card.getExpiry());
          plain(p, "payment_card.brand", p.cardBrand(), card.getBrand());
          plain(p, "payment_card.last4", p.cardNumber().substring(p.cardNumber().length() - 4), card.getLastFour());
        }
        read++;
        after = Objects.requireNonNull(card.getId());
      }
      session.clear();
    }
    missing(seen, "payment_card");
    return read;
  }

  private long accounts(Session session, int pageSize) {
    Set<String> seen = new HashSet<>();
    long after = Long.MIN_VALUE;
    long read = 0;
    while (true) {
      List<Object[]> page = session
          .createSelectionQuery(
              "select a.owner.memberNumber, a from BankAccount a where a.id > :after order by a.id", Object[].class)
          .setParameter("after", after)
          .setMaxResults(pageSize)
          .getResultList();
      if (page.isEmpty()) {
        break;
      }
      for (Object[] row : page) {
        BankAccount account = (BankAccount) row[1];
        CustomerProfile p = expectedFor((String) row[0], "bank_account");
        if (p != null && !seen.add(p.memberNumber())) {
          mismatches.add(new Mismatch(p.memberNumber(), "bank_account (more than one)"));
        } else if (p != null) {
          encrypted(p, "bank_account.account_number", p.accountNumber(), account.getAccountNumber());
          plain(p, "bank_account.bank_name", p.bankName(), account.getBankName());
        }
        read++;
        after = Objects.requireNonNull(account.getId());
      }
      session.clear();
    }
    missing(seen, "bank_account");
    return read;
  }

  private @Nullable CustomerProfile expectedFor(String memberNumber, String table) {
    CustomerProfile p = expected.get(memberNumber);
    if (p == null) {
      mismatches.add(new Mismatch(memberNumber, table + " row that was not written"));
    }
    return p;
  }

  private void missing(Set<String> seen, String table) {
    for (String memberNumber : expected.keySet()) {
      if (!seen.contains(memberNumber)) {
        mismatches.add(new Mismatch(memberNumber, table + " row missing"));
      }
    }
  }

  private void encrypted(CustomerProfile p, String field, Object written, Object read) {
    compared++;
    plain(p, field, written, read);
  }

  private void plain(CustomerProfile p, String field, Object written, Object read) {
    if (!written.equals(read)) {
      mismatches.add(new Mismatch(p.memberNumber(), field));
    }
  }
}
