package io.colseal.spring.boot4;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 4.0 application with every auto-configuration on its class path, colseal's included. */
@SpringBootApplication
public class Boot4App {}
