package io.colseal.operations.internal.audit;

import io.colseal.config.Redaction;
import io.colseal.operations.report.AuditReport.ProtocolEntry;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The protocol inventory of the audit report (PCI DSS 12.3.3): how colseal reaches the KMS and the
 * database, and how that was established. The JDBC connection's TLS is asked of the server where it
 * can tell (PostgreSQL {@code pg_stat_ssl} for this backend, MariaDB/MySQL the session's {@code
 * Ssl_cipher}); an embedded H2 database is in the process and has no network at all.
 */
public final class Protocols {
  private Protocols() {}

  /** The KMS channel of {@code provider}: the scheme of its endpoint, or none for a keystore file. */
  public static ProtocolEntry kms(String provider, @Nullable URI endpoint) {
    if (endpoint == null) {
      return new ProtocolEntry("KMS", provider.equals("local") ? "file" : "in-process", provider, null,
          "the " + provider + " provider reaches no network service (it reported no endpoint)");
    }
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    Boolean encrypted = scheme.equals("https") ? Boolean.TRUE : scheme.equals("http") ? Boolean.FALSE : null;
    return new ProtocolEntry("KMS", scheme.isEmpty() ? "unknown" : scheme.toUpperCase(Locale.ROOT),
        Redaction.maskUrl(endpoint.toString()), encrypted, "the scheme of the " + provider + " client's endpoint");
  }

  /**
   * The JDBC channel of {@code c}, asked of the server. Never throws: a question the server refuses
   * (no privilege) gives protocol {@code unknown} and says why.
   */
  public static ProtocolEntry jdbc(Connection c, String maskedUrl) {
    String url = maskedUrl.toLowerCase(Locale.ROOT);
    try {
      if (url.startsWith("jdbc:h2:")) {
        return h2(url, maskedUrl);
      }
      if (url.startsWith("jdbc:postgresql:")) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
          String method = "PostgreSQL pg_stat_ssl of this connection's backend (pg_backend_pid())";
          if (!rs.next()) {
            return new ProtocolEntry("JDBC", "unknown", maskedUrl, null, method + ": no row");
          }
          return rs.getBoolean(1)
              ? new ProtocolEntry("JDBC", "TLS " + rs.getString(2) + " " + rs.getString(3), maskedUrl, true, method)
              : new ProtocolEntry("JDBC", "TCP without TLS", maskedUrl, false, method);
        }
      }
      if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
        String cipher = sessionStatus(c, "Ssl_cipher");
        String version = sessionStatus(c, "Ssl_version");
        String method = "MariaDB/MySQL SHOW SESSION STATUS Ssl_cipher and Ssl_version of this connection";
        return cipher == null || cipher.isEmpty()
            ? new ProtocolEntry("JDBC", "TCP without TLS", maskedUrl, false, method)
            : new ProtocolEntry("JDBC", "TLS " + version + " " + cipher, maskedUrl, true, method);
      }
    } catch (SQLException e) {
      return new ProtocolEntry("JDBC", "unknown", maskedUrl, null,
          "the server refused the question (SQLState " + e.getSQLState() + ")");
    }
    return new ProtocolEntry("JDBC", "unknown", maskedUrl, null, "no method for this database");
  }

  private static ProtocolEntry h2(String url, String maskedUrl) {
    String rest = url.substring("jdbc:h2:".length());
    if (rest.startsWith("tcp:")) {
      return new ProtocolEntry("JDBC", "TCP without TLS", maskedUrl, false, "H2 URL: tcp:// (server mode, no TLS)");
    }
    if (rest.startsWith("ssl:")) {
      return new ProtocolEntry("JDBC", "TLS", maskedUrl, true, "H2 URL: ssl:// (server mode over TLS)");
    }
    return new ProtocolEntry("JDBC", "in-process", maskedUrl, null,
        "H2 URL: embedded (mem: or file), the database runs in this process; no network");
  }

  private static @Nullable String sessionStatus(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SHOW SESSION STATUS LIKE '" + name + "'")) {
      return rs.next() ? rs.getString(2) : null;
    }
  }
}
