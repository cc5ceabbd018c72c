package io.colseal.boot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application a Spring Boot user writes: entities with {@code @Encrypted} attributes, a Spring
 * Data repository, and colseal configured only through {@code colseal.*} properties, which the
 * starter binds. The same source runs on every Boot line ({@code spring-boot/tests/boot-*}).
 */
@SpringBootApplication
public class BootTestApplication {
  public static void main(String[] args) {
    SpringApplication.run(BootTestApplication.class, args);
  }
}
