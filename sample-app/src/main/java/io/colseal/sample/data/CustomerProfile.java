package io.colseal.sample.data;

import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.CardBrand;
import io.colseal.sample.model.Customer;
import io.colseal.sample.model.CustomerTier;
import io.colseal.sample.model.PaymentCard;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Everything the demo writes for one customer, and so everything it expects to read back. {@link
 * #toString()} shows the member number only.
 */
public record CustomerProfile(
    int index,
    String memberNumber,
    String name,
    String email,
    String phone,
    String residentRegistrationNumber,
    LocalDate birthDate,
    CustomerTier tier,
    CardBrand cardBrand,
    String cardNumber,
    String cardExpiry,
    String bankName,
    String accountNumber) {

  public Customer newCustomer(Instant createdAt) {
    return new Customer(memberNumber, name, email, phone, residentRegistrationNumber, birthDate, tier, createdAt);
  }

  public PaymentCard newCard(Customer holder) {
    return new PaymentCard(holder, cardBrand, cardNumber, cardExpiry);
  }

  public BankAccount newAccount(Customer owner) {
    return new BankAccount(owner, bankName, accountNumber);
  }

  @Override
  public String toString() {
    return "CustomerProfile[" + memberNumber + "]";
  }
}
