package io.colseal.hibernate.model;

import io.colseal.Normalizer;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Encrypted attributes found through blind indexes: full, digits-only, and one of a single bit. */
@Entity
@Table(name = "indexed_customers")
public class IndexedCustomer {
  @Id public Long id;

  @Encrypted public String email;

  @BlindIndex(of = "email", normalizer = Normalizer.LOWER_TRIM)
  @Column(name = "email_bidx")
  public String emailIndex;

  @Encrypted public String phone;

  @BlindIndex(of = "phone", normalizer = Normalizer.DIGITS_ONLY, bits = 12)
  @Column(name = "phone_bidx")
  public String phoneIndex;

  /** Indexed with one bit: about half of all rows share each index value. */
  @Encrypted public String code;

  @BlindIndex(of = "code", bits = 1)
  @Column(name = "code_bidx")
  public String codeIndex;

  public String note;

  public IndexedCustomer() {}

  public IndexedCustomer(long id, String email, String phone, String code) {
    this.id = id;
    this.email = email;
    this.phone = phone;
    this.code = code;
  }
}
