package io.colseal.boot.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

/** Boot 4's {@code @DataJpaTest} ({@code spring-boot-data-jpa-test}, {@code org.springframework.boot.data.jpa.test.autoconfigure}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataJpaTest
@interface AppDataJpaTest {}
