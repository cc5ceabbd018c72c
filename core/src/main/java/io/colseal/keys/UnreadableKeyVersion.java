package io.colseal.keys;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;

/**
 * A key table row this release cannot read: its {@code algorithm} or {@code state} column holds a
 * value this release does not know, as a row written by a newer colseal (or edited by hand) would.
 * Only this version is unusable; listings report it beside the readable versions. Safe to log and
 * to put in reports: it holds no key material, and {@code value} is at most {@value #MAX_VALUE}
 * printable characters of what the column holds.
 *
 * @param table normalised application table name
 * @param version key version
 * @param column the key table column holding the unknown value: {@code algorithm} or {@code state}
 * @param value the unknown value, shortened and with non-printable characters replaced by {@code ?}
 */
public record UnreadableKeyVersion(String table, int version, String column, String value) {
  /** The longest stored value quoted in full; longer ones are cut, with {@code ...} appended. */
  public static final int MAX_VALUE = 40;

  public UnreadableKeyVersion {
    requireNonNull(table, "table");
    requireNonNull(column, "column");
    value = printable(requireNonNull(value, "value"));
  }

  /** What is wrong, naming the table, version, column and value. */
  public String message() {
    return "data key " + table + " v" + version + " has " + column + " '" + value
        + "', which this release does not know (written by a newer colseal?); upgrade colseal to use this key"
        + " version; other keys are not affected";
  }

  /** The error an operation needing this version fails with: {@link ErrorCode#KEY_UNSUPPORTED}. */
  public KeyUnavailableException toException() {
    return new KeyUnavailableException(ErrorCode.KEY_UNSUPPORTED, table, version, message());
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().limit(MAX_VALUE).forEach(cp -> sb.appendCodePoint(cp < 0x20 || cp == 0x7f || cp == '\'' ? '?' : cp));
    return s.codePointCount(0, s.length()) > MAX_VALUE ? sb + "..." : sb.toString();
  }
}
