package io.colseal.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds byte strings in files, many at once: needles are indexed by their first four bytes, so one
 * pass over each file checks all of them.
 */
final class ByteScan {
  /** A byte string to look for, with a label for messages. */
  record Needle(String label, byte[] bytes) {
    Needle {
      if (bytes.length < 4) {
        throw new IllegalArgumentException("needle '" + label + "' is shorter than 4 bytes");
      }
    }
  }

  private ByteScan() {}

  /**
   * The bytes of {@code s} as H2's MVStore writes a VARCHAR value: UTF-8 lead bytes, but every
   * continuation byte without its {@code 0x80} bit (so {@code 국}, UTF-8 {@code ea b5 ad}, is
   * {@code ea 35 2d}), one UTF-16 unit at a time. Observed in H2 2.x database files; a scan for
   * standard UTF-8 alone would miss every Korean value H2 stores.
   */
  static byte[] h2String(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xc0 | (c >> 6));
        out.write(c & 0x3f);
      } else {
        out.write(0xe0 | (c >> 12));
        out.write((c >> 6) & 0x3f);
        out.write(c & 0x3f);
      }
    }
    return out.toByteArray();
  }

  /** Regular files under {@code dir}, recursively, sorted. */
  static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Labels of the needles that occur in at least one of {@code files}. */
  static Set<String> find(List<Path> files, List<Needle> needles) throws IOException {
    Map<Integer, List<Needle>> byPrefix = new HashMap<>();
    for (Needle n : needles) {
      byPrefix.computeIfAbsent(prefix(n.bytes(), 0), k -> new ArrayList<>()).add(n);
    }
    Set<String> found = new LinkedHashSet<>();
    for (Path file : files) {
      byte[] data = Files.readAllBytes(file);
      for (int i = 0; i + 4 <= data.length; i++) {
        List<Needle> candidates = byPrefix.get(prefix(data, i));
        if (candidates == null) {
          continue;
        }
        for (Needle n : candidates) {
          if (i + n.bytes().length <= data.length
              && Arrays.equals(data, i, i + n.bytes().length, n.bytes(), 0, n.bytes().length)) {
            found.add(n.label());
          }
        }
      }
    }
    return found;
  }

  private static int prefix(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
