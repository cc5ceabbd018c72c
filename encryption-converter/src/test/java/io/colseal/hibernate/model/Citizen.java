package io.colseal.hibernate.model;

import io.colseal.Classification;
import io.colseal.Storage;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Deterministic (searchable) columns beside a randomized one. */
@Entity
@Table(name = "citizens")
public class Citizen {
  @Id public Long id;

  @Encrypted(deterministic = true, classification = Classification.OTHER_PERSONAL)
  public String email;

  @Encrypted(deterministic = true)
  @Column(name = "birth_date")
  public LocalDate birthDate;

  @Encrypted(deterministic = true, storage = Storage.BINARY)
  @Column(name = "member_no")
  public Long memberNo;

  @Encrypted public String note;

  public Citizen() {}

  public Citizen(long id, String email, LocalDate birthDate, Long memberNo, String note) {
    this.id = id;
    this.email = email;
    this.birthDate = birthDate;
    this.memberNo = memberNo;
    this.note = note;
  }
}
