package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  private static final List<CustomerProfile> TEN = new SampleData(1, LocalDate.of(2026, 1, 1)).customers(10);

  @Test
  void springArgs_loneNumber_isTheCustomerCount() {
    assertArrayEquals(new String[] {"--demo.customers=250", "--demo.batch-size=5"},
        Demo.springArgs(new String[] {"250", "--demo.batch-size=5"}));
  }

  @Test
  void springArgs_twoNumbers_throwsIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> Demo.springArgs(new String[] {"1", "2"}));
  }

  @Test
  void run_customerCountNotANumber_exitsWithUsageStatusBeforeTouchingADatabase(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Demo.run(new String[] {"lots", "--demo.data-dir=" + dir}, new PrintStream(err, true,
        StandardCharsets.UTF_8));
    assertEquals(Demo.EXIT_USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("demo.customers"), err::toString);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList(), "no database file, no keystore");
    }
  }

  @Test
  void run_customerCountZero_exitsWithUsageStatusNamingTheVariable() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Demo.run(new String[] {"0"}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Demo.EXIT_USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("DEMO_CUSTOMERS"), err::toString);
  }

  @Test
  void pickSamples_manyCustomers_firstMiddleAndLast() {
    assertEquals(List.of(TEN.get(0), TEN.get(5), TEN.get(9)), DemoRunner.pickSamples(TEN));
  }

  @Test
  void pickSamples_twoCustomers_both() {
    assertEquals(TEN.subList(0, 2), DemoRunner.pickSamples(TEN.subList(0, 2)));
  }

  @Test
  void pickSamples_oneCustomer_once() {
    assertEquals(TEN.subList(0, 1), DemoRunner.pickSamples(TEN.subList(0, 1)));
  }

  @Test
  void describe_exceptionWithCredentialsInUrl_masksThem() {
    Exception e = new IllegalStateException("wrap", new RuntimeException("cannot open jdbc:postgresql://bob:pw1@h/db"));
    String d = Demo.describe(e);
    assertTrue(d.contains("****@h/db"), d);
    assertFalse(d.contains("pw1"), d);
  }
}
