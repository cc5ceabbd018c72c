package io.colseal.hibernate.model;

import io.colseal.Storage;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Row-bound columns ({@code bindToRow}), text and binary, with a sequence-generated id, beside a randomized one. */
@Entity
@Table(name = "bound_accounts")
public class BoundAccount {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bound_accounts_seq")
  @SequenceGenerator(name = "bound_accounts_seq", sequenceName = "bound_accounts_seq", allocationSize = 50)
  public Long id;

  @Encrypted(bindToRow = true)
  @Column(name = "account_no")
  public String accountNo;

  @Encrypted(bindToRow = true, storage = Storage.BINARY)
  public byte[] photo;

  @Encrypted public String note;

  public BoundAccount() {}

  public BoundAccount(String accountNo, byte[] photo, String note) {
    this.accountNo = accountNo;
    this.photo = photo;
    this.note = note;
  }
}
