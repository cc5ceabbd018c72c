package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Mapped with a snake-case physical naming strategy: table loyalty_account, column member_number. */
@Entity
public class LoyaltyAccount {
  @Id public Long id;
  @Encrypted public String memberNumber;
}
