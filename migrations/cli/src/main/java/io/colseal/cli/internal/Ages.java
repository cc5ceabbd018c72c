package io.colseal.cli.internal;

import java.time.Duration;

/** Human forms of durations for the plain-text output: {@code 3d 4h}, {@code 2h 5m}, {@code 12s}. */
public final class Ages {
  private Ages() {}

  /** The two largest non-zero units of {@code d}; negative durations (clock skew) print as {@code 0s}. */
  public static String human(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "0s";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    if (days > 0) {
      return hours > 0 ? days + "d " + hours + "h" : days + "d";
    }
    if (hours > 0) {
      return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
    }
    if (minutes > 0) {
      return seconds > 0 ? minutes + "m " + seconds + "s" : minutes + "m";
    }
    return seconds + "s";
  }
}
