package io.colseal.hibernate.search;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** A Spring Data {@code @Query} that compares a deterministic attribute with a literal. */
public interface LiteralQueryRepository extends Repository<NamedQueryListing, Long> {
  @Query("select l from NamedQueryListing l where l.code = 'CANARY-c0de'")
  List<NamedQueryListing> byLiteral();
}
