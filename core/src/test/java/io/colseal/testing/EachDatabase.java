package io.colseal.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once on every database colseal supports ({@link TestDatabase.Kind}: H2, PostgreSQL,
 * MariaDB), each run shown as {@code [H2]}, {@code [POSTGRESQL]}, {@code [MARIADB]}. The test may
 * take a {@link TestDatabase.Kind} (and create what it needs) or a {@link TestDatabase} (a fresh one
 * per run, closed afterwards).
 *
 * <p>A test that cannot run on a database says so with {@link #except()} and {@link #because()};
 * that run is reported as skipped with the reason, so no test quietly runs on fewer databases than
 * it claims. A method with a {@code Kind} or {@code TestDatabase} parameter but no {@code
 * @EachDatabase} fails {@code TestConventions}; a test that asks {@link TestDatabase#create} for
 * one fixed kind fails unless it says why with {@link OneDatabase}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(EachDatabaseExtension.class)
public @interface EachDatabase {
  /** Databases this test does not run on; each exclusion needs {@link #because()}. */
  TestDatabase.Kind[] except() default {};

  /** Why the excluded databases are excluded; shown as the skip reason. */
  String because() default "";
}
