package io.colseal.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method, or a whole test class, that creates a database of one fixed kind on
 * purpose, and says why: a unit test that needs some key table and uses the embedded H2, or a test
 * of one database's behaviour. {@link TestDatabase#create} refuses a fixed kind from a test that is
 * neither {@link EachDatabase} nor {@code OneDatabase}, so no test runs on one database without
 * saying so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OneDatabase {
  /** Why this test runs on one database only. */
  String because();
}
