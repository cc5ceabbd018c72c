package io.colseal.spring.app;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer with one encrypted column, for the auto-configuration tests. */
@Entity
@Table(name = "customers")
public class Customer {
  @Id @GeneratedValue public Long id;

  @Encrypted public String email;

  public String name;
}
