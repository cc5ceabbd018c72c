package io.colseal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @ParameterizedTest
  @CsvSource({
      "customers, customers",
      "CUSTOMERS, customers",
      "\"Customers\", customers",
      "`customers`, customers",
      "[customers], customers",
      "public.customers, customers",
      "\"public\".\"Customers\", customers",
      "\"odd.name\", odd.name",
      "  mail_addr  , mail_addr"})
  void normalize_variants_giveOneName(String in, String expected) {
    assertEquals(expected, Identifiers.normalize(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\"\"", "schema."})
  void normalize_empty_throws(String in) {
    assertThrows(IllegalArgumentException.class, () -> Identifiers.normalize(in));
  }

  @org.junit.jupiter.api.Test
  void normalize_tooLong_throws() {
    assertThrows(IllegalArgumentException.class, () -> Identifiers.normalize("x".repeat(129)));
  }
}
