package io.colseal.kms.aws.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** Encrypted name and birthday; values derive from the id so a reader can check them. */
@Entity
@Table(name = "patient")
public class Patient {
  @Id public Long id;
  @Encrypted public String name;
  @Encrypted public LocalDate birthday;

  public Patient() {}

  public static Patient of(long id) {
    Patient p = new Patient();
    p.id = id;
    p.name = "Patient " + id;
    p.birthday = LocalDate.of(1940, 1, 1).plusDays(id);
    return p;
  }

  public boolean matchesId() {
    Patient expected = of(id);
    return expected.name.equals(name) && expected.birthday.equals(birthday);
  }
}
