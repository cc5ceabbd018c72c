package io.colseal.sample.model;

import static java.util.Objects.requireNonNull;

import io.colseal.hibernate.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A payment card of a customer. The number and expiry are {@link Encrypted}; brand and last four
 * digits stay plaintext so lists can show "VISA •••• 0366" without decrypting anything.
 */
@Entity
@Table(name = "payment_card")
public class PaymentCard {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_card_seq")
  @SequenceGenerator(name = "payment_card_seq", sequenceName = "payment_card_seq", allocationSize = 50)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id", nullable = false)
  private Customer holder;

  @Enumerated(EnumType.STRING)
  @Column(name = "brand", nullable = false, length = 16)
  private CardBrand brand;

  @Column(name = "last4", nullable = false, length = 4)
  private String lastFour;

  @Encrypted
  @Column(name = "card_number", nullable = false, length = 19)
  private String cardNumber;

  /** {@code MM/YY}, as printed on the card. */
  @Encrypted
  @Column(name = "expiry", nullable = false, length = 5)
  private String expiry;

  /** For JPA, which sets the fields itself. */
  protected PaymentCard() {}

  public PaymentCard(Customer holder, CardBrand brand, String cardNumber, String expiry) {
    this.holder = requireNonNull(holder, "holder");
    this.brand = requireNonNull(brand, "brand");
    this.cardNumber = requireNonNull(cardNumber, "cardNumber");
    this.expiry = requireNonNull(expiry, "expiry");
    if (cardNumber.length() < 4) {
      throw new IllegalArgumentException("a card number has at least 4 digits");
    }
    this.lastFour = cardNumber.substring(cardNumber.length() - 4);
  }

  public @Nullable Long getId() {
    return id;
  }

  public Customer getHolder() {
    return holder;
  }

  public CardBrand getBrand() {
    return brand;
  }

  public String getLastFour() {
    return lastFour;
  }

  public String getCardNumber() {
    return cardNumber;
  }

  public String getExpiry() {
    return expiry;
  }

  @Override
  public String toString() {
    return "PaymentCard[id=" + id + ", " + brand + " ****" + lastFour + "]";
  }
}
