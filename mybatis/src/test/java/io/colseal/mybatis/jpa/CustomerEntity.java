package io.colseal.mybatis.jpa;

import io.colseal.Normalizer;
import io.colseal.Storage;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The {@code customers} table as a JPA application maps it, beside the MyBatis handlers of the same columns. */
@Entity
@Table(name = "customers")
public class CustomerEntity {
  @Id public Long id;

  @Encrypted(deterministic = true) public String email;

  @Encrypted public String phone;

  @BlindIndex(of = "phone", normalizer = Normalizer.DIGITS_ONLY)
  @Column(name = "phone_bidx")
  public String phoneIndex;

  @Encrypted
  @Column(name = "birth_date")
  public LocalDate birthDate;

  @Encrypted public byte[] photo;

  @Encrypted(storage = Storage.BINARY) public String memo;

  @Encrypted public Integer credit;

  @Encrypted(deterministic = true) public BigDecimal balance;
}
