package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;

/** SINGLE_TABLE subclass: its column lives in {@code vehicles}. */
@Entity
public class Car extends Vehicle {
  @Encrypted public String plate;
}
