package io.colseal.hibernate.search;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A named query that colseal accepts, next to the ones it rejects ({@link LiteralNamedQueries}). */
@Entity
@Table(name = "listings")
@NamedQuery(name = "Listing.byCode", query = "from NamedQueryListing l where l.code = :code")
public class NamedQueryListing {
  @Id public Long id;

  @Encrypted(deterministic = true) public String code;

  @Encrypted public String note;

  protected NamedQueryListing() {}

  public NamedQueryListing(long id, String code) {
    this.id = id;
    this.code = code;
  }
}
