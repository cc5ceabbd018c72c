package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Embeddable;

@Embeddable
public class Address {
  @Encrypted public String street;
  public String city;

  public Address() {}

  public Address(String street, String city) {
    this.street = street;
    this.city = city;
  }
}
