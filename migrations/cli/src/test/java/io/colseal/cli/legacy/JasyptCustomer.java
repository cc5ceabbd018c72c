package io.colseal.cli.legacy;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A table an application encrypted with Jasypt, one column per Jasypt set-up, as the application
 * maps it once it moves to colseal: {@code @Encrypted} where it had {@code @Type(EncryptedStringType)}
 * or {@code @Convert(JasyptConverter)}.
 */
@Entity
@Table(name = "jasypt_customers")
public class JasyptCustomer {
  @Id
  private Long id;

  /** Was Jasypt's default: PBEWithMD5AndDES, 1,000 iterations, random salt, no IV, Base64. */
  @Encrypted
  @Column(length = 512)
  private String email;

  /** Was jasypt-spring-boot 3's default: PBEWITHHMACSHA512ANDAES_256, random salt and IV, Base64. */
  @Encrypted
  @Column(length = 512)
  private String phone;

  /** Was PBEWithMD5AndDES with 7,500 iterations and hexadecimal output. */
  @Encrypted
  @Column(length = 1024)
  private String note;

  protected JasyptCustomer() {}

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getPhone() {
    return phone;
  }

  public String getNote() {
    return note;
  }
}
