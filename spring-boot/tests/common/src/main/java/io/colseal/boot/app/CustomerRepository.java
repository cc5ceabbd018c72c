package io.colseal.boot.app;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data queries on encrypted attributes: the arguments are plaintexts, colseal binds what is stored. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {
  /** Equality on the deterministic {@code email}, across every key version the table has. */
  Optional<Customer> findByEmail(String email);

  /** Equality on the phone's blind index; any formatting of the digits matches. */
  List<Customer> findByPhoneIndex(String phone);
}
