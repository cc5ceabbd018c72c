package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.MutableClock;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two running application instances and an operator who rotates with {@code colseal.jar}: both keep
 * writing with the old version until their refresh interval has passed (an injected clock, not a
 * sleep), then write with the new one; values written before and during the switch still read.
 */
@Tag("jar")
class RotationFollowIT {
  @TempDir Path dir;

  private static int versionOf(String envelope) {
    assertTrue(envelope.startsWith("cs1:01:"), envelope);
    return Integer.parseInt(envelope.substring(7, 17));
  }

  @EachDatabase
  void secondInstanceWritesWithTheNewVersionAfterTheRefreshInterval(TestDatabase.Kind kind) throws Exception {
    try (CliDatabase db = CliDatabase.create(kind, dir)) {
      Path keystore = dir.resolve("kek.p12");
      Cli cli = new Cli(dir).env(Map.of(
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_KMS_PROVIDER", "local",
          "COLSEAL_KMS_KEK_ID", "kek1",
          "COLSEAL_KMS_LOCAL_KEYSTORE", keystore.toString(),
          "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY));
      if (!db.childPassword().isEmpty()) {
        cli.env("COLSEAL_JDBC_PASSWORD", db.childPassword());
      }
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();

      MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
      ColsealConfig config = ColsealConfig.builder()
          .kmsProvider("local")
          .kekId("kek1")
          .setting("colseal.kms.local.keystore", keystore.toString())
          .setting("colseal.kms.local.keystore-password", Cli.CANARY)
          .keyRefreshInterval(Duration.ofMinutes(1))
          .clock(clock)
          .build();
      try (Colseal first = Colseal.start(db.connections(), config);
          Colseal second = Colseal.start(db.connections(), config)) {
        ColumnCipher<String, String> a = first.textColumn("customers", "email", String.class);
        ColumnCipher<String, String> b = second.textColumn("customers", "email", String.class);
        String before = a.encrypt("before@example.com");
        assertEquals(1, versionOf(before));
        assertEquals(1, versionOf(b.encrypt("warm-up@example.com")));

        cli.run("keys", "rotate", "--table", "customers").ok();

        clock.advance(Duration.ofSeconds(30));
        String during = b.encrypt("during@example.com");
        assertEquals(1, versionOf(during), "within the refresh interval the old version is still used");

        clock.advance(Duration.ofSeconds(30));
        String after = b.encrypt("after@example.com");
        assertEquals(2, versionOf(after));
        assertEquals(2, versionOf(a.encrypt("after-a@example.com")));

        assertEquals("before@example.com", b.decrypt(before));
        assertEquals("during@example.com", a.decrypt(during));
        assertEquals("after@example.com", a.decrypt(after));
      }
    }
  }
}
