package io.colseal.hibernate.model;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/** One encrypted attribute of every supported type. */
@Entity
@Table(name = "all_types")
public class AllTypes {
  public enum Tier {
    BRONZE,
    SILVER,
    GOLD
  }

  @Id public Long id;
  @Encrypted public String text;
  @Encrypted public byte[] bytes;
  @Encrypted public Integer boxedInt;
  @Encrypted @Column(name = "prim_int") public int primitiveInt;
  @Encrypted public Long boxedLong;
  @Encrypted @Column(name = "prim_long") public long primitiveLong;
  @Encrypted @Column(precision = 20, scale = 4) public BigDecimal amount;
  @Encrypted public Boolean flag;
  @Encrypted @Column(name = "prim_flag") public boolean primitiveFlag;
  @Encrypted public LocalDate birthday;
  @Encrypted public LocalDateTime moment;
  @Encrypted public Instant instant;
  @Encrypted public UUID uuid;
  @Encrypted public Tier tier;

  public AllTypes() {}

  public AllTypes(Long id) {
    this.id = id;
  }
}
