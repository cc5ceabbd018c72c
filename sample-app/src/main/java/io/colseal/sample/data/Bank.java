package io.colseal.sample.data;

import java.util.random.RandomGenerator;

/** Korean banks and the shape of their account numbers ({@code N} is a random digit). */
public enum Bank {
  KOOKMIN("KB국민은행", "NNNNNN-NN-NNNNNN"),
  SHINHAN("신한은행", "110-NNN-NNNNNN"),
  WOORI("우리은행", "1002-NNN-NNNNNN"),
  HANA("하나은행", "NNN-NNNNNN-NNNNN"),
  NONGHYUP("NH농협은행", "3NN-NNNN-NNNN-NN"),
  KAKAO("카카오뱅크", "3333-NN-NNNNNNN");

  private final String displayName;
  private final String accountPattern;

  Bank(String displayName, String accountPattern) {
    this.displayName = displayName;
    this.accountPattern = accountPattern;
  }

  /** The name shown to customers and stored in {@code bank_account.bank_name}. */
  public String displayName() {
    return displayName;
  }

  /** A new account number in this bank's format. */
  public String accountNumber(RandomGenerator random) {
    StringBuilder sb = new StringBuilder(accountPattern.length());
    for (int i = 0; i < accountPattern.length(); i++) {
      char c = accountPattern.charAt(i);
      sb.append(c == 'N' ? (char) ('0' + random.nextInt(10)) : c);
    }
    return sb.toString();
  }
}
