package io.colseal.benchmarks.hibernate;

import io.colseal.Storage;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;

/** The attributes of a person with four encrypted attributes in binary storage, for several tables. */
@MappedSuperclass
public abstract class BinaryPersonFields implements Person {
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
