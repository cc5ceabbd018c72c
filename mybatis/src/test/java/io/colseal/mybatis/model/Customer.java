package io.colseal.mybatis.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/** A customer as MyBatis maps it, a plain bean. */
public class Customer {
  private Long id;
  private String email;
  private String phone;
  private LocalDate birthDate;
  private byte[] photo;
  private String memo;
  private Integer credit;
  private BigDecimal balance;

  public Customer() {}

  public Customer(long id, String email, String phone) {
    this.id = id;
    this.email = email;
    this.phone = phone;
  }

  public Long getId() { return id; }
  public void setId(Long id) { this.id = id; }
  public String getEmail() { return email; }
  public void setEmail(String email) { this.email = email; }
  public String getPhone() { return phone; }
  public void setPhone(String phone) { this.phone = phone; }
  public LocalDate getBirthDate() { return birthDate; }
  public void setBirthDate(LocalDate birthDate) { this.birthDate = birthDate; }
  public byte[] getPhoto() { return photo; }
  public void setPhoto(byte[] photo) { this.photo = photo; }
  public String getMemo() { return memo; }
  public void setMemo(String memo) { this.memo = memo; }
  public Integer getCredit() { return credit; }
  public void setCredit(Integer credit) { this.credit = credit; }
  public BigDecimal getBalance() { return balance; }
  public void setBalance(BigDecimal balance) { this.balance = balance; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Customer c && Objects.equals(id, c.id) && Objects.equals(email, c.email)
        && Objects.equals(phone, c.phone) && Objects.equals(birthDate, c.birthDate) && Arrays.equals(photo, c.photo)
        && Objects.equals(memo, c.memo) && Objects.equals(credit, c.credit) && Objects.equals(balance, c.balance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, email);
  }

  @Override
  public String toString() {
    return "Customer[id=" + id + ", email=" + email + ", phone=" + phone + ", birthDate=" + birthDate + ", photo="
        + Arrays.toString(photo) + ", memo=" + memo + ", credit=" + credit + ", balance=" + balance + "]";
  }
}
