package io.colseal.internal.keystore;

import java.lang.management.ManagementFactory;

/** Who wrote a key row, for the audit trail: host and process id, never credentials. */
final class ProcessIdentity {
  private static final String DESCRIPTION = compute();

  private ProcessIdentity() {}

  static String describe() {
    return DESCRIPTION;
  }

  private static String compute() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    String s = "colseal@" + name;
    return s.length() > 255 ? s.substring(0, 255) : s;
  }
}
