package io.colseal.sample.model;

import static java.util.Objects.requireNonNull;

import io.colseal.Normalizer;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A customer. Everything that identifies the person is {@link Encrypted}; the {@code length} of an
 * encrypted column is the longest plaintext in characters, and the Flyway schema sizes the column
 * for the envelope that holds it.
 *
 * <p>Two ways to find a customer by an encrypted value: the email is {@code deterministic}, so
 * {@code findByEmail} compares envelopes (equal emails have equal envelopes, which is what it
 * leaks); the phone stays randomized and has a {@linkplain BlindIndex blind index}, {@code
 * phone_bidx}, an HMAC of its digits, so {@code findByPhoneIndex("01012345678")} also finds {@code
 * 010-1234-5678}.
 */
@Entity
@Table(name = "customer")
public class Customer {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_seq")
  @SequenceGenerator(name = "customer_seq", sequenceName = "customer_seq", allocationSize = 50)
  private @Nullable Long id;

  /** Printed on letters and cards; identifies the account, not the person, so it stays plaintext. */
  @Column(name = "member_number", nullable = false, unique = true, length = 16)
  private String memberNumber;

  @Encrypted
  @Column(name = "name", nullable = false, length = 50)
  private String name;

  /** Deterministic: searchable with {@code =}, unique in the schema. */
  @Encrypted(deterministic = true)
  @Column(name = "email", nullable = false, length = 254)
  private String email;

  @Encrypted
  @Column(name = "phone", nullable = false, length = 20)
  private String phone;

  /** Written by colseal from {@link #phone}; the application never reads it, it queries with it. */
  @BlindIndex(of = "phone", normalizer = Normalizer.DIGITS_ONLY)
  @Column(name = "phone_bidx", length = 64)
  private @Nullable String phoneIndex;

  /** 주민등록번호, {@code YYMMDD-NNNNNNN}. */
  @Encrypted
  @Column(name = "resident_registration_number", nullable = false, length = 14)
  private String residentRegistrationNumber;

  @Encrypted
  @Column(name = "birth_date", nullable = false)
  private LocalDate birthDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "tier", nullable = false, length = 16)
  private CustomerTier tier;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** For JPA, which sets the fields itself. */
  protected Customer() {}

  public Customer(
      String memberNumber,
      String name,
      String email,
      String phone,
      String residentRegistrationNumber,
      LocalDate birthDate,
      CustomerTier tier,
      Instant createdAt) {
    this.memberNumber = requireNonNull(memberNumber, "memberNumber");
    this.name = requireNonNull(name, "name");
    this.email = requireNonNull(email, "email");
    this.phone = requireNonNull(phone, "phone");
    this.residentRegistrationNumber = requireNonNull(residentRegistrationNumber, "residentRegistrationNumber");
    this.birthDate = requireNonNull(birthDate, "birthDate");
    this.tier = requireNonNull(tier, "tier");
    this.createdAt = requireNonNull(createdAt, "createdAt");
  }

  /** The generated id; {@code null} until persisted. */
  public @Nullable Long getId() {
    return id;
  }

  public String getMemberNumber() {
    return memberNumber;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public String getPhone() {
    return phone;
  }

  public String getResidentRegistrationNumber() {
    return residentRegistrationNumber;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public CustomerTier getTier() {
    return tier;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** Member number and id only: personal data stays out of logs. */
  @Override
  public String toString() {
    return "Customer[id=" + id + ", " + memberNumber + "]";
  }
}
