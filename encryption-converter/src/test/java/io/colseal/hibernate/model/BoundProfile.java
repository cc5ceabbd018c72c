package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A row-bound column on an entity whose UUID id the application assigns. */
@Entity
@Table(name = "bound_profiles")
public class BoundProfile {
  @Id public UUID id;

  @Encrypted(bindToRow = true)
  @Column(name = "resident_no")
  public String residentNo;

  public BoundProfile() {}

  public BoundProfile(UUID id, String residentNo) {
    this.id = id;
    this.residentNo = residentNo;
  }
}
