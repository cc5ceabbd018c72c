package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** SINGLE_TABLE root. */
@Entity
@Table(name = "vehicles")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind")
public class Vehicle {
  @Id public Long id;
  @Encrypted public String vin;
}
