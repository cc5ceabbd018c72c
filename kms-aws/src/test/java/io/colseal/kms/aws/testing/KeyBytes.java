package io.colseal.kms.aws.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Assertions that text carries no key bytes, in any of the usual printable forms. */
public final class KeyBytes {
  /** 32 bytes that are easy to recognise in any encoding. */
  public static final byte[] CANARY = "colseal-canary-key-bytes-0123456".getBytes(StandardCharsets.US_ASCII);

  private KeyBytes() {}

  /** Fails if {@code text} contains {@code key} as Latin-1 text, hex, Base64 or {@code Arrays.toString}. */
  public static void assertAbsent(String text, byte[] key) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String form : forms(key)) {
      assertFalse(lower.contains(form.toLowerCase(Locale.ROOT)), () -> "key bytes (as '" + form + "') in: " + text);
    }
  }

  /** The message and stack trace of {@code t} and all its causes, as printed to a log. */
  public static String printed(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static List<String> forms(byte[] key) {
    // Prefixes of 12 bytes catch truncated dumps too; 12 random bytes never occur by chance.
    byte[] head = Arrays.copyOf(key, Math.min(12, key.length));
    return List.of(
        new String(head, StandardCharsets.ISO_8859_1),
        HexFormat.of().formatHex(head),
        Base64.getEncoder().encodeToString(key).substring(0, 16),
        Base64.getUrlEncoder().encodeToString(key).substring(0, 16),
        Arrays.toString(head).replace("]", ""));
  }
}
