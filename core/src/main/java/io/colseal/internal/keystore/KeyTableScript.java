package io.colseal.internal.keystore;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.DatabaseVendor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One of colseal's key-table scripts, {@code V<version>__<description>.sql}, present under the same
 * name in every vendor folder ({@link DatabaseVendor#migrationFolder()}).
 *
 * <p>{@link #ALL} is the list the migrator runs, in order. It is fixed here rather than found by
 * listing a class-path folder, which does not work alike from a directory, a jar and the module
 * path; {@code KeyTableScriptTest} fails when a folder holds a script this list misses. Version and
 * description are derived from the file name the way Flyway derives them, so that the history rows
 * of either tool describe a script identically.
 */
record KeyTableScript(String fileName, String version, String description) {
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d+(?:_\\d+)*)__([a-z0-9_]+)\\.sql");
  private static final Pattern VERSION = Pattern.compile("\\d{1,9}(?:\\.\\d{1,9})*");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** Every key-table script, oldest first. A released script never changes; a new one is appended. */
  static final List<KeyTableScript> ALL =
      List.of(
          named("V0_1__colseal_data_key.sql"),
          named("V0_2__colseal_registry_and_retired.sql"),
          named("V0_3__colseal_reencryption_job.sql"),
          named("V0_4__colseal_audit.sql"),
          named("V0_5__colseal_blind_index.sql"),
          named("V0_6__colseal_check_constraints.sql"),
          named("V0_7__colseal_key_cryptoperiod.sql"),
          named("V0_8__colseal_key_event.sql"),
          named("V0_9__colseal_key_usage.sql"));

  static KeyTableScript named(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a key-table script name: " + fileName);
    }
    return new KeyTableScript(fileName, m.group(1).replace('_', '.'), m.group(2).replace('_', ' '));
  }

  /** Class-path resource of this script for {@code vendor}, without a leading slash. */
  String resource(DatabaseVendor vendor) {
    return vendor.migrationFolder() + "/" + fileName;
  }

  /**
   * The script's text for {@code vendor}. Read with {@link Class#getResourceAsStream}, which finds
   * the file in colseal's own jar or module whether or not the folder is a package opened to others.
   *
   * @throws ColsealConfigException if colseal's jar lacks the script
   */
  String text(DatabaseVendor vendor) {
    String resource = resource(vendor);
    try (InputStream in = KeyTableScript.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new ColsealConfigException(
            "colseal's key-table script " + resource + " is not on the class path; is the colseal-core jar complete?");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Flyway's checksum of a script: CRC-32 over the UTF-8 bytes of each line, without its line
   * break ({@code \n}, {@code \r} or {@code \r\n}) and without a leading byte order mark, as a
   * signed 32-bit integer. Line breaks therefore do not count, so a script checked out with CRLF
   * line ends has the same checksum as with LF.
   */
  static int checksum(String text) {
    CRC32 crc = new CRC32();
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String content = !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
        crc.update(content.getBytes(UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return (int) crc.getValue();
  }

  /** Whether {@code version} is dotted digits, as Flyway writes them: {@code 0.2}, {@code 1}. */
  static boolean isVersion(String version) {
    return VERSION.matcher(version).matches();
  }

  /**
   * Compares two versions such as {@code 0.2} and {@code 0.10} numerically, part by part, missing
   * parts counting as 0.
   *
   * @throws IllegalArgumentException if either is not {@linkplain #isVersion a version}
   */
  static int compareVersions(String a, String b) {
    if (!isVersion(a) || !isVersion(b)) {
      throw new IllegalArgumentException("not versions: " + a + ", " + b);
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}
