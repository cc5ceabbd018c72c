package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** Large values: a CLOB of text, a long VARBINARY (bytea on PostgreSQL) and a BLOB. */
@Entity
@Table(name = "documents")
public class Document {
  @Id public Long id;

  @Encrypted @Lob public String body;

  @Encrypted
  @Column(length = 2_000_000)
  public byte[] attachment;

  @Encrypted @Lob public byte[] scan;
}
