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
import java.util.function.BiConsumer;
import java.util.function.Function;
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
      long customers = r.table(session, pageSize, "customer",
          "select c.memberNumber, c from Customer c where c.id > :after order by c.id",
          Customer.class, Customer::getId, r::compareCustomer);
      long cards = r.table(session, pageSize, "payment_card",
          "select p.holder.memberNumber, p from PaymentCard p where p.id > :after order by p.id",
          PaymentCard.class, PaymentCard::getId, r::compareCard);
      long accounts = r.table(session, pageSize, "bank_account",
          "select a.owner.memberNumber, a from BankAccount a where a.id > :after order by a.id",
          BankAccount.class, BankAccount::getId, r::compareAccount);
      return new Verification(customers, cards, accounts, r.compared, List.copyOf(r.mismatches));
    });
  }

  /**
   * Reads one table page by page, keyset-paginated on the id; {@code hql} selects the owner's
   * member number and the entity, after the id {@code :after}.
   *
   * @return rows read
   */
  private <E> long table(Session session, int pageSize, String table, String hql, Class<E> type,
      Function<E, @Nullable Long> id, BiConsumer<CustomerProfile, E> compare) {
    Set<String> seen = new HashSet<>();
    long read = 0;
    long after = Long.MIN_VALUE;
    while (true) {
      List<Object[]> page = session.createSelectionQuery(hql, Object[].class)
          .setParameter("after", after)
          .setMaxResults(pageSize)
          .getResultList();
      if (page.isEmpty()) {
        break;
      }
      for (Object[] row : page) {
        E entity = type.cast(row[1]);
        CustomerProfile p = expectedFor((String) row[0], table);
        if (p != null && !seen.add(p.memberNumber())) {
          mismatches.add(new Mismatch(p.memberNumber(), table + " (more than one row)"));
        } else if (p != null) {
          compare.accept(p, entity);
        }
        read++;
        after = Objects.requireNonNull(id.apply(entity), "id");
      }
      session.clear(); // keeps memory flat however many rows there are
    }
    missing(seen, table);
    return read;
  }

  private void compareCustomer(CustomerProfile p, Customer c) {
    encrypted(p, "customer.name", p.name(), c.getName());
    encrypted(p, "customer.email", p.email(), c.getEmail());
    encrypted(p, "customer.phone", p.phone(), c.getPhone());
    encrypted(p, "customer.resident_registration_number", p.residentRegistrationNumber(),
        c.getResidentRegistrationNumber());
    encrypted(p, "customer.birth_date", p.birthDate(), c.getBirthDate());
    plain(p, "customer.tier", p.tier(), c.getTier());
  }

  private void compareCard(CustomerProfile p, PaymentCard card) {
    encrypted(p, "payment_card.card_number", p.cardNumber(), card.getCardNumber());
    encrypted(p, "payment_card.expiry", p.cardExpiry(), card.getExpiry());
    plain(p, "payment_card.brand", p.cardBrand(), card.getBrand());
    plain(p, "payment_card.last4", p.cardNumber().substring(p.cardNumber().length() - 4), card.getLastFour());
  }

  private void compareAccount(CustomerProfile p, BankAccount account) {
    encrypted(p, "bank_account.account_number", p.accountNumber(), account.getAccountNumber());
    plain(p, "bank_account.bank_name", p.bankName(), account.getBankName());
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
