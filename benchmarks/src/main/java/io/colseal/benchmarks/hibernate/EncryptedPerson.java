package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A person with four encrypted attributes; {@link PlainPerson} is the same without encryption. */
@Entity
@Table(name = "bench_encrypted_person")
public class EncryptedPerson extends TextPersonFields {}
