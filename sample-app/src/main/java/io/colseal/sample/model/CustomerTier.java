package io.colseal.sample.model;

/** Loyalty tier; not secret, stored as its name. */
public enum CustomerTier {
  BASIC,
  SILVER,
  GOLD,
  VIP
}
