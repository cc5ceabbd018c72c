package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** JOINED subclass: its column lives in {@code employees}. */
@Entity
@Table(name = "employees")
public class Employee extends Person {
  @Encrypted public String salaryNote;
}
