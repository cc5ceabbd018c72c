package io.colseal.boot.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** Boot 3.5's {@code @DataJpaTest} ({@code org.springframework.boot.test.autoconfigure.orm.jpa}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataJpaTest
@interface AppDataJpaTest {}
