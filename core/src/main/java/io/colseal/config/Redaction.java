package io.colseal.config;

import java.util.regex.Pattern;

/** Masks credentials in strings that end up in logs, messages and {@code toString()}. */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd|secret|token)=)[^&;\\s]*");

  private Redaction() {}

  /** {@code jdbc:postgresql://u:p@h/db?password=x} becomes {@code jdbc:postgresql://****@h/db?password=****}. */
  public static String maskUrl(String value) {
    String s = USER_INFO.matcher(value).replaceAll("****@");
    return PASSWORD_PARAM.matcher(s).replaceAll("$1****");
  }

  /**
   * Where a JDBC URL points, for messages: the URL without {@code jdbc:}, credentials and options
   * ({@code jdbc:postgresql://u:p@h:5432/db?ssl=true} becomes {@code postgresql://****@h:5432/db}).
   */
  public static String location(String jdbcUrl) {
    String s = maskUrl(jdbcUrl);
    if (s.startsWith("jdbc:")) {
      s = s.substring("jdbc:".length());
    }
    int cut = s.length();
    for (char c : new char[] {'?', ';'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return s.substring(0, cut);
  }
}
