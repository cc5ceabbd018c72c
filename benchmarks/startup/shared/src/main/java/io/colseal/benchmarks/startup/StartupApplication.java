package io.colseal.benchmarks.startup;

import java.time.LocalDate;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * One start of a small Spring Boot JPA application: open the context, write one row, read it back
 * by id and by e-mail, exit. {@code benchmarks/startup/run.sh} times whole processes of it; the
 * colseal and the plain application share this class and differ only in their {@code Customer}.
 * A read that does not return what was written exits with status 3, so a broken run is never timed.
 */
@SpringBootApplication
public class StartupApplication {
  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(StartupApplication.class, args)));
  }

  @Bean
  CommandLineRunner writeAndRead(CustomerRepository customers) {
    return args -> {
      Customer written = customers.save(new Customer("Ada Lovelace", "ada@example.com", LocalDate.of(1815, 12, 10)));
      Customer byId = customers.findById(written.getId()).orElseThrow();
      Customer byEmail = customers.findByEmail("ada@example.com").orElseThrow();
      if (!byId.getBirthDate().equals(written.getBirthDate()) || !byEmail.getId().equals(written.getId())) {
        System.err.println("startup-benchmark: the row read back differs from the row written");
        System.exit(3);
      }
      System.out.println("startup-benchmark: wrote and read customer " + written.getId());
    };
  }
}
