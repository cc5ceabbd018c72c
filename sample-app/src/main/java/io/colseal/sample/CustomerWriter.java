package io.colseal.sample;

import io.colseal.sample.JdbcBankAccounts.NewAccount;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.model.Customer;
import io.colseal.sample.repository.CustomerRepository;
import io.colseal.sample.repository.PaymentCardRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes customers with their card through the JPA repositories and their bank account with
 * JdbcTemplate ({@link JdbcBankAccounts}), in one transaction per chunk of customers. Both paths
 * encrypt the same way, so JPA reads the accounts back and the JDBC export reads the names.
 */
@Component
class CustomerWriter {
  private final CustomerRepository customers;
  private final PaymentCardRepository cards;
  private final JdbcBankAccounts accounts;
  private final TransactionTemplate transaction;

  CustomerWriter(CustomerRepository customers, PaymentCardRepository cards, JdbcBankAccounts accounts,
      TransactionTemplate transaction) {
    this.customers = customers;
    this.cards = cards;
    this.accounts = accounts;
    this.transaction = transaction;
  }

  /**
   * Writes {@code profiles}, {@code perTransaction} customers per transaction; with {@code
   * hibernate.order_inserts} and the JDBC batch size each transaction sends one batch per table.
   *
   * @return rows written
   */
  long write(List<CustomerProfile> profiles, int perTransaction, Instant now) {
    long rows = 0;
    for (int from = 0; from < profiles.size(); from += perTransaction) {
      List<CustomerProfile> chunk = profiles.subList(from, Math.min(profiles.size(), from + perTransaction));
      transaction.executeWithoutResult(status -> {
        List<NewAccount> newAccounts = new ArrayList<>(chunk.size());
        for (CustomerProfile p : chunk) {
          Customer customer = customers.save(p.newCustomer(now));
          cards.save(p.newCard(customer));
          newAccounts.add(new NewAccount(Objects.requireNonNull(customer.getId(), "id"), p.bankName(),
              p.accountNumber()));
        }
        customers.flush(); // the accounts' foreign keys need the customer rows
        accounts.insert(newAccounts);
      });
      rows += 3L * chunk.size();
    }
    return rows;
  }
}
