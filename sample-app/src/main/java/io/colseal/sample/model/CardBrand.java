package io.colseal.sample.model;

/** Card network, derived from the first digits of the number; not secret. */
public enum CardBrand {
  VISA,
  MASTERCARD
}
