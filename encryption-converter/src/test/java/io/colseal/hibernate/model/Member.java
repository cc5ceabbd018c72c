package io.colseal.hibernate.model;

import io.colseal.Classification;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A member with a unique login, to force constraint violations inside JDBC batches. */
@Entity
@Table(name = "members")
public class Member {
  @Id public Long id;

  @Column(unique = true, nullable = false)
  public String login;

  @Encrypted public String email;
  @Encrypted(classification = Classification.RESIDENT_REGISTRATION_NUMBER) public String rrn;
  @Encrypted public LocalDate birthDate;
  @Encrypted public byte[] photo;
}
