package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.testing.DocRegions;
import java.io.IOException;
import java.nio.file.Files;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * colseal-hibernate runs on Hibernate 6.6, 7.2 and 7.4 and refuses any other line at start-up. The
 * three real lines run the whole suite in the hibernate-lines modules; here the selection itself is
 * checked with version strings, and that each build runs the Hibernate it pins.
 */
class HibernateLineTest {
  @ParameterizedTest
  @ValueSource(strings = {"6.5.3.Final", "7.0.10.Final", "7.1.4.Final", "7.3.2.Final", "8.0.0.Alpha1", "6"})
  void lineOf_unsupportedVersion_throwsNamingTheVersionAndTheSupportedLines(String version) {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> HibernateLine.lineOf(version));
    assertEquals(ErrorCode.CONFIG_INVALID, e.code());
    assertTrue(e.getMessage().contains("Hibernate ORM " + version + " "), e.getMessage());
    assertTrue(e.getMessage().contains("6.6, 7.2 and 7.4"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"6.6.0.Final, 6.6", "6.6.33.Final, 6.6", "7.2.19.Final, 7.2", "7.4.13.Final, 7.4", "7.4.15.Final, 7.4",
      "7.4.16-SNAPSHOT, 7.4"})
  void lineOf_supportedVersion_namesItsLine(String version, String line) {
    assertEquals(line, HibernateLine.lineOf(version));
  }

  @Test
  void forVersion_unsupportedVersion_throwsBeforeLoadingAnyAdapter() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> HibernateLine.forVersion("7.1.4.Final"));
    assertFalse(e.getMessage().contains("is not on the class path"), e.getMessage());
  }

  /**
   * Each build that runs this suite sets {@code test.colseal.hibernate-version} to the Hibernate it
   * means to test: a dependency override that did not take would otherwise let a matrix module run
   * the suite on another Hibernate and pass.
   */
  @Test
  void current_isTheHibernateThisBuildPins() {
    String expected = System.getProperty("test.colseal.hibernate-version");
    assertEquals(expected, Version.getVersionString(), "the Hibernate on this test class path");
    HibernateLine line = HibernateLine.current();
    assertEquals(expected, line.version());
    assertTrue(expected.startsWith(line.line() + '.'), line + " for " + expected);
  }

  /** The version matrix names, in a row of its own line, each Hibernate the suite runs on. */
  @Test
  void versionMatrix_hasARowForThisHibernate() throws IOException {
    String page = Files.readString(DocRegions.repositoryRoot().resolve("docs/reference/version-matrix.md"));
    String version = Version.getVersionString();
    String row = "| " + HibernateLine.current().line() + " | " + version + " |";
    assertTrue(page.contains(row), () -> "docs/reference/version-matrix.md has no row starting '" + row + "'");
  }
}
