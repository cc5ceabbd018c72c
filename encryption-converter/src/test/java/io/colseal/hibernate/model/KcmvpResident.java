package io.colseal.hibernate.model;

import io.colseal.ColumnAlgorithm;
import io.colseal.Storage;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** ARIA-256-GCM columns (algorithm 03) chosen per attribute, beside one that follows the default. */
@Entity
@Table(name = "kcmvp_residents")
public class KcmvpResident {
  @Id public Long id;

  @Encrypted(algorithm = ColumnAlgorithm.ARIA_256_GCM)
  public String rrn;

  @Encrypted(algorithm = ColumnAlgorithm.ARIA_256_GCM, storage = Storage.BINARY)
  @Column(name = "birth_date")
  public LocalDate birthDate;

  @Encrypted public String note;

  public KcmvpResident() {}

  public KcmvpResident(long id, String rrn, LocalDate birthDate, String note) {
    this.id = id;
    this.rrn = rrn;
    this.birthDate = birthDate;
    this.note = note;
  }
}
