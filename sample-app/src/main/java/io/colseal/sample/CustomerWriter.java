package io.colseal.sample;

import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.model.Customer;
import java.time.Instant;
import java.util.List;
import org.hibernate.SessionFactory;

/** Persists customers with their card and account, one transaction per JDBC batch of customers. */
final class CustomerWriter {
  private CustomerWriter() {}

  /**
   * Writes {@code profiles}; with {@code hibernate.order_inserts} each transaction sends one JDBC
   * batch per table.
   *
   * @return rows written
   */
  static long write(SessionFactory sessionFactory, List<CustomerProfile> profiles, int perTransaction, Instant now) {
    long rows = 0;
    for (int from = 0; from < profiles.size(); from += perTransaction) {
      List<CustomerProfile> chunk = profiles.subList(from, Math.min(profiles.size(), from + perTransaction));
      sessionFactory.inTransaction(session -> {
        for (CustomerProfile p : chunk) {
          Customer customer = p.newCustomer(now);
          session.persist(customer);
          session.persist(p.newCard(customer));
          session.persist(p.newAccount(customer));
        }
      });
      rows += 3L * chunk.size();
    }
    return rows;
  }
}
