package io.colseal.boot.app;

import io.colseal.Normalizer;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A customer: the name encrypted with a random nonce, the e-mail deterministically (so {@code
 * findByEmail} works), the phone found through a blind index.
 */
@Entity
@Table(name = "customer")
public class Customer {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Encrypted
  @Column(length = 100)
  private String name;

  @Encrypted(deterministic = true)
  @Column(length = 200, unique = true)
  private String email;

  @Encrypted
  @Column(length = 40)
  private String phone;

  @BlindIndex(of = "phone", normalizer = Normalizer.DIGITS_ONLY)
  @Column(name = "phone_bidx")
  private String phoneIndex;

  protected Customer() {}

  public Customer(String name, String email, String phone) {
    this.name = name;
    this.email = email;
    this.phone = phone;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public String getPhone() {
    return phone;
  }

  @Override
  public String toString() {
    return "Customer[id=" + id + "]";
  }
}
