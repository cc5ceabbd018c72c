package io.colseal.hibernate.search;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Spring Data derived queries over deterministic attributes. */
public interface SubscriberRepository extends Repository<Subscriber, Long> {
  Optional<Subscriber> findByEmail(String email);

  List<Subscriber> findByCityOrderByIdAsc(String city);

  List<Subscriber> findByEmailInOrderByIdAsc(Collection<String> emails);

  long countByCityAndBirthDate(String city, java.time.LocalDate birthDate);
}
