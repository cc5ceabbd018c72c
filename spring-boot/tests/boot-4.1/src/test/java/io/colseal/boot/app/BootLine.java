package io.colseal.boot.app;

/** The Boot line of this module and the versions it manages, which the tests check. */
final class BootLine {
  static final String MODULE = "spring-boot/tests/boot-4.1";
  static final String BOOT = "4.1.2";
  static final String HIBERNATE = "7.4.13.Final";
  static final String FLYWAY = "12.4.0";
  static final String H2 = "2.4.240";
  static final String JACKSON = "3.1.7";
  static final int JAVA = 17;

  private BootLine() {}
}
