package io.colseal.benchmarks.startup;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.time.LocalDate;

/** The colseal application's customer: e-mail searchable (deterministic), birth date randomized. */
@Entity
public class Customer {
  @Id @GeneratedValue private Long id;
  private String name;
  @Encrypted(deterministic = true)
  private String email;
  @Encrypted
  private LocalDate birthDate;

  protected Customer() {}

  Customer(String name, String email, LocalDate birthDate) {
    this.name = name;
    this.email = email;
    this.birthDate = birthDate;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }
}
