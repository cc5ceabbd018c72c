package io.colseal.cli.legacy;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The table the AWS KMS + Fernet recipe seeds ({@code seed_fernet_recipe.py}), as the application
 * maps it once it moves to colseal: {@code @Encrypted} where the recipe had Fernet tokens.
 */
@Entity
@Table(name = "fernet_customers")
public class LegacyCustomer {
  @Id
  private Long id;

  @Encrypted
  @Column(length = 512)
  private String name;

  @Encrypted
  @Column(length = 512)
  private String email;

  protected LegacyCustomer() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }
}
