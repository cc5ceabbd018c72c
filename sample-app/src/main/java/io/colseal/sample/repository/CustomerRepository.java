package io.colseal.sample.repository;

import io.colseal.sample.model.Customer;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Customers, with the two searches colseal allows on encrypted columns. Both take the plaintext:
 * colseal turns the parameter into the stored form before it is bound, so no plaintext reaches the
 * database.
 */
public interface CustomerRepository extends JpaRepository<Customer, Long> {
  Optional<Customer> findByMemberNumber(String memberNumber);

  /** {@code email} is {@code @Encrypted(deterministic = true)}: the parameter is sealed and compared as an envelope. */
  Optional<Customer> findByEmail(String email);

  /**
   * {@code phoneIndex} is the blind index of {@code phone}: the parameter is normalised to its digits
   * and hashed, so {@code "010-1234-5678"} and {@code "01012345678"} find the same customers.
   */
  List<Customer> findByPhoneIndex(String phone);
}
