package io.colseal.operations.internal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How durations and times read in the audit report's prose and rendered forms (the JSON keeps
 * ISO-8601): durations in days, hours, minutes and seconds of the language ({@code 365 days},
 * {@code 365일}, {@code 1 hour 30 minutes}); times to the second, in UTC, saying so ({@code
 * 2026-11-20 09:00:00 UTC}).
 */
public final class ReportFormat {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  /** {@code d} in words: {@code 365 days} / {@code 365일}; parts that are zero are left out. */
  public static String duration(Duration d, boolean korean) {
    long seconds = d.getSeconds();
    String sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(seconds);
    long[] parts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
    String[][] units = {{"day", "days", "일"}, {"hour", "hours", "시간"}, {"minute", "minutes", "분"},
        {"second", "seconds", "초"}};
    List<String> words = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != 0) {
        words.add(korean ? parts[i] + units[i][2] : parts[i] + " " + units[i][parts[i] == 1 ? 0 : 1]);
      }
    }
    if (words.isEmpty()) {
      return korean ? "0초" : "0 seconds";
    }
    return sign + String.join(" ", words);
  }

  /** {@code t} to the second, in UTC: {@code 2026-11-20 09:00:00 UTC}; {@code -} for null. */
  public static String time(@Nullable Instant t) {
    return t == null ? "-" : TIME.format(t);
  }
}
