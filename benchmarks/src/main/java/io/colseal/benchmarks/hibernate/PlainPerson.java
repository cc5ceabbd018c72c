package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** {@link EncryptedPerson} without encryption: the baseline. */
@Entity
@Table(name = "bench_plain_person")
public class PlainPerson implements Person {
  @Id Long id;
  @Column(length = 60) String name;
  @Column(length = 100) String email;
  @Column(length = 20) String phone;
  @Column(length = 14) String rrn;
  LocalDate birthDate;

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
