package io.colseal.benchmarks.kms;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One row of a harness table: three {@link Encrypted} columns whose values derive from the id and
 * the table, so any process can check what another wrote. Each of the {@link HarnessTables} is an
 * entity extending this class, so every table has its own data key.
 */
@MappedSuperclass
public abstract class HarnessRow {
  /** Longest {@link #name} in characters; the column is sized for its envelope. */
  static final int NAME_LENGTH = 40;
  /** Longest {@link #email} in characters. */
  static final int EMAIL_LENGTH = 64;
  private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);

  @Id
  private @Nullable Long id;

  @Encrypted
  @Column(name = "name", nullable = false, length = NAME_LENGTH)
  private @Nullable String name;

  @Encrypted
  @Column(name = "email", nullable = false, length = EMAIL_LENGTH)
  private @Nullable String email;

  @Encrypted
  @Column(name = "birth_date", nullable = false)
  private @Nullable LocalDate birthDate;

  protected HarnessRow() {}

  /** Sets every column to the values of row {@code id} in the table numbered {@code table}. */
  final HarnessRow fill(long id, int table) {
    this.id = id;
    this.name = expectedName(id);
    this.email = expectedEmail(id, table);
    this.birthDate = expectedBirthDate(id);
    return this;
  }

  /** Whether every column holds what {@link #fill} wrote for this id in table {@code table}. */
  final boolean matches(int table) {
    long i = id();
    return expectedName(i).equals(name) && expectedEmail(i, table).equals(email)
        && expectedBirthDate(i).equals(birthDate);
  }

  final long id() {
    Long i = id;
    if (i == null) {
      throw new IllegalStateException("row without id");
    }
    return i;
  }

  private static String expectedName(long id) {
    return "Customer " + id;
  }

  private static String expectedEmail(long id, int table) {
    return "customer" + id + "@table" + table + ".example.com";
  }

  private static LocalDate expectedBirthDate(long id) {
    return FIRST_BIRTH_DATE.plusDays(id % 25_000);
  }
}
