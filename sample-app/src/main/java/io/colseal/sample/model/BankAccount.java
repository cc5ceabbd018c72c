package io.colseal.sample.model;

import static java.util.Objects.requireNonNull;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A bank account of a customer, for payouts. The account number is {@link Encrypted}; the bank is not. */
@Entity
@Table(name = "bank_account")
public class BankAccount {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bank_account_seq")
  @SequenceGenerator(name = "bank_account_seq", sequenceName = "bank_account_seq", allocationSize = 50)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id", nullable = false)
  private Customer owner;

  @Column(name = "bank_name", nullable = false, length = 40)
  private String bankName;

  @Encrypted
  @Column(name = "account_number", nullable = false, length = 30)
  private String accountNumber;

  /** For JPA, which sets the fields itself. */
  protected BankAccount() {}

  public BankAccount(Customer owner, String bankName, String accountNumber) {
    this.owner = requireNonNull(owner, "owner");
    this.bankName = requireNonNull(bankName, "bankName");
    this.accountNumber = requireNonNull(accountNumber, "accountNumber");
  }

  public @Nullable Long getId() {
    return id;
  }

  public Customer getOwner() {
    return owner;
  }

  public String getBankName() {
    return bankName;
  }

  public String getAccountNumber() {
    return accountNumber;
  }

  @Override
  public String toString() {
    return "BankAccount[id=" + id + ", " + bankName + "]";
  }
}
