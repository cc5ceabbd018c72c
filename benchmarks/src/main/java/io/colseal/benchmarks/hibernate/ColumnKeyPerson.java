package io.colseal.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * {@link EncryptedPerson} in a table of its own, written with {@code colseal.crypto.column-keys}
 * (envelope algorithm 04) and read by the same SessionFactory as {@link EncryptedPerson}.
 */
@Entity
@Table(name = "bench_column_key_person")
public class ColumnKeyPerson extends TextPersonFields {}
