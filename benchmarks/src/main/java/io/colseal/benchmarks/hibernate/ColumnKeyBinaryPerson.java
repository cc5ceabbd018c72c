package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** {@link BinaryPerson} in a table of its own, written with {@code colseal.crypto.column-keys}. */
@Entity
@Table(name = "bench_column_key_binary_person")
public class ColumnKeyBinaryPerson extends BinaryPersonFields {}
