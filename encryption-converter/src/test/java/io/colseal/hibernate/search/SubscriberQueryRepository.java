package io.colseal.hibernate.search;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Spring Data {@code @Query} methods on a deterministic attribute: the arguments are plaintexts. */
public interface SubscriberQueryRepository extends Repository<Subscriber, Long> {
  @Query("select s from Subscriber s where s.email = :email")
  List<Subscriber> byEmail(@Param("email") String email);

  @Query("select s from Subscriber s where s.email in ?1")
  List<Subscriber> byEmails(Collection<String> emails);
}
