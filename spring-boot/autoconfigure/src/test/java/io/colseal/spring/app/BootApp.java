package io.colseal.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A whole Spring Boot application over this package: every auto-configuration on the class path. */
@SpringBootApplication
public class BootApp {}
