package io.colseal.hibernate.model;

import io.colseal.Normalizer;
import io.colseal.hibernate.BlindIndex;
import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/** A blind index on an entity whose updates set only the changed columns. */
@Entity
@Table(name = "dynamic_indexed_customers")
@DynamicUpdate
public class DynamicIndexedCustomer {
  @Id public Long id;

  @Encrypted public String email;

  @BlindIndex(of = "email", normalizer = Normalizer.LOWER_TRIM)
  @Column(name = "email_bidx")
  public String emailIndex;

  public String note;
}
