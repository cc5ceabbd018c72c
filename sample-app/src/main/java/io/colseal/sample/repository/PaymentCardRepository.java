package io.colseal.sample.repository;

import io.colseal.sample.model.Customer;
import io.colseal.sample.model.PaymentCard;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Payment cards; the number and expiry are decrypted when a card is loaded. */
public interface PaymentCardRepository extends JpaRepository<PaymentCard, Long> {
  Optional<PaymentCard> findByHolder(Customer holder);
}
