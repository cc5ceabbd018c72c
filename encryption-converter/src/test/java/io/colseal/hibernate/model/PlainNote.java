package io.colseal.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity with nothing encrypted, for SessionFactories colseal must leave alone. */
@Entity
@Table(name = "plain_notes")
public class PlainNote {
  @Id public Long id;
  public String text;
}
