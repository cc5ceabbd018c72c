package io.colseal.benchmarks.hibernate;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A person with four encrypted attributes; {@link PlainPerson} is the same without encryption. */
@Entity
@Table(name = "bench_encrypted_person")
public class EncryptedPerson implements Person {
  @Id Long id;
  @Column(length = 60) String name;
  @Encrypted @Column(length = 100) String email;
  @Encrypted @Column(length = 20) String phone;
  @Encrypted @Column(length = 14) String rrn;
  @Encrypted LocalDate birthDate;

  @Override
  public void fill(long id, String name, String email, String phone, String rrn, LocalDate birthDate) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.phone = phone;
    this.rrn = rrn;
    this.birthDate = birthDate;
  }

  @Override
  public int touch() {
    return email.length() + phone.length() + rrn.length() + birthDate.getDayOfMonth();
  }
}
