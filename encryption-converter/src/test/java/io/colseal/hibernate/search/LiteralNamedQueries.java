package io.colseal.hibernate.search;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Named queries colseal must reject when the SessionFactory starts: a literal, and ORDER BY ciphertext. */
@Entity
@Table(name = "literal_named_queries")
@NamedQuery(name = "Listing.byLiteralCode", query = "from NamedQueryListing l where l.code = 'CANARY-c0de'")
@NamedQuery(name = "Listing.sortedByNote", query = "from NamedQueryListing l order by l.note")
public class LiteralNamedQueries {
  @Id public Long id;
}
