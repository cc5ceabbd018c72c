package io.colseal.sample;

import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.Customer;
import io.colseal.sample.model.PaymentCard;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/** One customer's values as the application reads them beside the form the database stores. */
final class Samples {
  /**
   * One column of one customer.
   *
   * @param column {@code table.column}
   * @param encrypted whether colseal encrypts the column
   * @param decrypted the value read through Hibernate
   * @param stored the value read with plain JDBC
   */
  record ColumnSample(String column, boolean encrypted, String decrypted, String stored) {}

  /** A customer shown in the report. */
  record CustomerSample(String memberNumber, String tier, List<ColumnSample> columns) {}

  private Samples() {}

  /**
   * Reads {@code memberNumber} both ways.
   *
   * @param encryptedColumns {@code table.column} of every encrypted column
   */
  static CustomerSample of(SessionFactory sessionFactory, DataSource dataSource, String memberNumber,
      Set<String> encryptedColumns) throws SQLException {
    Map<String, String> stored = StoredValues.forCustomer(dataSource, memberNumber);
    Map<String, String> read = new LinkedHashMap<>();
    String tier = sessionFactory.fromSession(session -> {
      Customer c = session.createSelectionQuery("from Customer c where c.memberNumber = :m", Customer.class)
          .setParameter("m", memberNumber)
          .getSingleResult();
      PaymentCard card = session.createSelectionQuery("from PaymentCard p where p.holder = :c", PaymentCard.class)
          .setParameter("c", c)
          .getSingleResult();
      BankAccount account = session.createSelectionQuery("from BankAccount a where a.owner = :c", BankAccount.class)
          .setParameter("c", c)
          .getSingleResult();
      read.put("customer.name", c.getName());
      read.put("customer.email", c.getEmail());
      read.put("customer.phone", c.getPhone());
      read.put("customer.resident_registration_number", c.getResidentRegistrationNumber());
      read.put("customer.birth_date", c.getBirthDate().toString());
      read.put("payment_card.card_number", card.getCardNumber());
      read.put("payment_card.expiry", card.getExpiry());
      read.put("payment_card.last4", card.getLastFour());
      read.put("bank_account.account_number", account.getAccountNumber());
      read.put("bank_account.bank_name", account.getBankName());
      return c.getTier().name();
    });
    List<ColumnSample> columns = new ArrayList<>();
    for (String column : StoredValues.SAMPLE_COLUMNS) {
      columns.add(new ColumnSample(column, encryptedColumns.contains(column), Objects.requireNonNull(read.get(column)),
          String.valueOf(stored.get(column))));
    }
    return new CustomerSample(memberNumber, tier, List.copyOf(columns));
  }
}
