package io.colseal.benchmarks.hibernate;

import io.colseal.Storage;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** {@link EncryptedPerson} with binary storage: the envelopes as they are, in bytea columns. */
@Entity
@Table(name = "bench_binary_person")
public class BinaryPerson implements Person {
  @Id Long id;
  @Column(length = 60) String name;
  @Encrypted(storage = Storage.BINARY) @Column(length = 100) String email;
  @Encrypted(storage = Storage.BINARY) @Column(length = 20) String phone;
  @Encrypted(storage = Storage.BINARY) @Column(length = 14) String rrn;
  @Encrypted(storage = Storage.BINARY) LocalDate birthDate;

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
