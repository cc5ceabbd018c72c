package io.colseal.operations.audit;

import java.util.Locale;

/** Language of an audit report's labels. */
public enum Lang {
  KO,
  EN;

  /** {@code ko} or {@code en}, any case. */
  public static Lang parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "ko" -> KO;
      case "en" -> EN;
      default -> throw new IllegalArgumentException("unknown language '" + s + "' (ko, en)");
    };
  }

  /** {@code ko} or {@code en}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
