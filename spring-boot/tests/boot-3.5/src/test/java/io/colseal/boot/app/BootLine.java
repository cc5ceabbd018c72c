package io.colseal.boot.app;

/** The Boot line of this module and the versions it manages, which the tests check. */
final class BootLine {
  static final String MODULE = "spring-boot/tests/boot-3.5";
  static final String BOOT = "3.5.7";
  static final String HIBERNATE = "6.6.33.Final";
  static final String FLYWAY = "11.7.2";
  static final String H2 = "2.3.232";
  static final String JACKSON = "2.19.2";
  static final int JAVA = 17;

  private BootLine() {}
}
