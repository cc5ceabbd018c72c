package io.colseal.sample.repository;

import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.Customer;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Bank accounts, read through JPA; {@link io.colseal.sample.JdbcBankAccounts} writes them with JdbcTemplate. */
public interface BankAccountRepository extends JpaRepository<BankAccount, Long> {
  Optional<BankAccount> findByOwner(Customer owner);
}
