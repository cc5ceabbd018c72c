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
}
