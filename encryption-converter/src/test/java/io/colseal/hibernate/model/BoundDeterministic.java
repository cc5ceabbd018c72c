package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** deterministic + bindToRow: refused at start-up. */
@Entity
@Table(name = "bound_deterministic")
public class BoundDeterministic {
  @Id public Long id;

  @Encrypted(bindToRow = true, deterministic = true)
  public String accountNo;
}
