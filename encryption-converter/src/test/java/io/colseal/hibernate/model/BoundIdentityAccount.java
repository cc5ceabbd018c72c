package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row-bound column on an entity whose id the database assigns during the insert: refused at start-up. */
@Entity
@Table(name = "bound_identity_accounts")
public class BoundIdentityAccount {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Encrypted(bindToRow = true)
  public String accountNo;
}
