package io.colseal.spring.boot4;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity with one encrypted column. */
@Entity
@Table(name = "notes")
public class Note {
  @Id @GeneratedValue public Long id;

  @Encrypted public String body;
}
