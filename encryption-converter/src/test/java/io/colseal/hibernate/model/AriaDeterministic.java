package io.colseal.hibernate.model;

import io.colseal.ColumnAlgorithm;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deterministic column that asks for ARIA: refused at start-up. */
@Entity
@Table(name = "aria_deterministic")
public class AriaDeterministic {
  @Id public Long id;

  @Encrypted(algorithm = ColumnAlgorithm.ARIA_256_GCM, deterministic = true)
  public String email;
}
