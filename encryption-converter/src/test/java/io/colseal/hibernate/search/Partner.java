package io.colseal.hibernate.search;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A second table with a deterministic column of the same name as {@link Subscriber#email}. */
@Entity
@Table(name = "partners")
public class Partner {
  @Id public Long id;

  @Encrypted(deterministic = true)
  @Column(length = 100)
  public String email;

  protected Partner() {}

  public Partner(long id, String email) {
    this.id = id;
    this.email = email;
  }
}
