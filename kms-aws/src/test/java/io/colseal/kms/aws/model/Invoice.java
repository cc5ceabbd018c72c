package io.colseal.kms.aws.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Encrypted IBAN and amount; values derive from the id so a reader can check them. */
@Entity
@Table(name = "invoice")
public class Invoice {
  @Id public Long id;
  @Encrypted public String iban;
  @Encrypted public Long amountCents;

  public Invoice() {}

  public static Invoice of(long id) {
    Invoice i = new Invoice();
    i.id = id;
    i.iban = String.format("DE89 3704 0044 %010d", id);
    i.amountCents = id * 137;
    return i;
  }

  public boolean matchesId() {
    Invoice expected = of(id);
    return expected.iban.equals(iban) && expected.amountCents.equals(amountCents);
  }
}
