package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A plain entity whose columns hold strings as long as colseal's text envelopes: the table is
 * filled by copying the raw column values of {@link EncryptedPerson}'s table, so reading it costs
 * what the longer values cost on the wire and in the driver, without any decryption.
 */
@Entity
@Table(name = "bench_envelope_person")
public class EnvelopePerson implements Person {
  @Id Long id;
  @Column(length = 60) String name;
  @Column(length = 255) String email;
  @Column(length = 255) String phone;
  @Column(length = 255) String rrn;
  @Column(length = 255) String birthDate;

  @Override
  public void fill(long id, String name, String email, String phone, String rrn, LocalDate birthDate) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.phone = phone;
    this.rrn = rrn;
    this.birthDate = birthDate.toString();
  }

  @Override
  public int touch() {
    return email.length() + phone.length() + rrn.length() + birthDate.length();
  }
}
