package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** {@link EncryptedPerson} with binary storage: the envelopes as they are, in bytea columns. */
@Entity
@Table(name = "bench_binary_person")
public class BinaryPerson extends BinaryPersonFields {}
