package io.colseal.hibernate.search;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Deterministic columns for equality search, next to a randomized one. */
@Entity
@Table(name = "subscribers")
public class Subscriber {
  @Id public Long id;

  @Encrypted(deterministic = true)
  @Column(length = 100, unique = true)
  public String email;

  @Encrypted(deterministic = true)
  @Column(length = 60)
  public String city;

  @Encrypted(deterministic = true) public LocalDate birthDate;

  @Encrypted public String note;

  protected Subscriber() {}

  public Subscriber(long id, String email, String city, LocalDate birthDate) {
    this.id = id;
    this.email = email;
    this.city = city;
    this.birthDate = birthDate;
    this.note = "note " + id;
  }

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getCity() {
    return city;
  }
}
