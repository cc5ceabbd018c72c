package io.colseal.sample;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's own settings, {@code demo.*}, bound by Spring Boot from any of its sources: {@code
 * application.yml}, {@code --demo.customers=250}, {@code -Ddemo.customers=250} or {@code
 * DEMO_CUSTOMERS=250}. The database and colseal have their own settings ({@code spring.datasource.*},
 * {@code colseal.*}); see {@code application.yml}.
 *
 * @param customers customers to write, each with one card and one account: 1 to 1,000,000
 * @param batchSize customers per transaction, and the JDBC batch size: 1 to 1,000
 * @param dataDir the directory of the H2 database and of the local keystore ({@code application.yml}
 *     puts both there)
 */
@ConfigurationProperties("demo")
public record DemoProperties(
    @DefaultValue("1000") int customers,
    @DefaultValue("50") int batchSize,
    @DefaultValue("target/demo-data") Path dataDir) {
  static final int MAX_CUSTOMERS = 1_000_000;
  static final int MAX_BATCH_SIZE = 1000;

  /** @throws IllegalArgumentException naming the setting and its environment variable */
  public DemoProperties {
    check("demo.customers", "DEMO_CUSTOMERS", customers, MAX_CUSTOMERS);
    check("demo.batch-size", "DEMO_BATCH_SIZE", batchSize, MAX_BATCH_SIZE);
  }

  private static void check(String setting, String variable, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          setting + " (" + variable + ") must be a whole number 1.." + max + ", got " + value);
    }
  }
}
