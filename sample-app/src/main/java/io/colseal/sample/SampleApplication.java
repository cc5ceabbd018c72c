package io.colseal.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The sample application: customers, their payment cards and bank accounts, with personal data
 * {@code @Encrypted}. Spring Data JPA repositories ({@code io.colseal.sample.repository}) write and
 * search the entities; {@link JdbcBankAccounts} writes and reads the same tables with JdbcTemplate
 * through colseal's {@link io.colseal.ColumnCipher}; Actuator serves {@code /actuator/health} and
 * {@code /actuator/metrics}.
 *
 * <p>{@code java -jar sample-app.jar} runs it as a web application on the default profile (an H2
 * file database and a local KEK under {@code target/demo-data}); {@link Demo} runs the demo.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
