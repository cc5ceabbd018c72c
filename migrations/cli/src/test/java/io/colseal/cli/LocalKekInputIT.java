package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.cli.internal.Terminal;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a PKCS12 keystore cannot hold as given is refused up front, the same way by {@code colseal
 * kek create} and by an application starting: a mixed-case alias (PKCS12 lower-cases aliases) and a
 * non-ASCII password (the JDK's PKCS12 key protection rejects it). Nothing is written, so a retry
 * with the lower-case alias works.
 */
@OneDatabase(because = "the keystore is the subject; H2 in a file holds the key table of the application start")
class LocalKekInputIT {
  private static final String NON_ASCII = "비밀번호-pässwörd-" + Cli.CANARY;

  @TempDir Path dir;

  private static CliResult run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ColsealCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Terminal.none());
    CliResult r = new CliResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    Cli.check(r, args);
    return r;
  }

  private static ColsealConfig config(Path keystore, String alias, String password) {
    return ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", alias,
        "colseal.kms.local.keystore", keystore.toString(),
        "colseal.kms.local.keystore-password", password,
        "colseal.kms.local.create-if-missing", "true"));
  }

  @Test
  void kekCreate_mixedCaseAlias_refusedBeforeWritingAndLowerCaseThenWorks() {
    Path keystore = dir.resolve("kek.p12");
    Map<String, String> env = Map.of("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY);
    CliResult r = run(env, "kek", "create", "--provider", "local", "--keystore", keystore.toString(), "--alias",
        "Shop-Mixed-KEK").failed("CONFIG_INVALID");
    assertTrue(r.err().contains("'Shop-Mixed-KEK' has upper-case letters"), r.err());
    assertTrue(r.err().contains("use 'shop-mixed-kek'"), r.err());
    assertFalse(Files.exists(keystore), "nothing written");
    run(env, "kek", "create", "--provider", "local", "--keystore", keystore.toString(), "--alias", "shop-mixed-kek")
        .ok();
  }

  @Test
  void appStart_mixedCaseAlias_configInvalidNamingTheLowerCaseAlias() {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Path keystore = dir.resolve("app.p12");
      ColsealConfigException e = assertThrows(ColsealConfigException.class,
          () -> Colseal.start(db.connections(), config(keystore, "Shop-Mixed-KEK", Cli.CANARY)).close());
      assertEquals(ErrorCode.CONFIG_INVALID, e.code());
      assertTrue(e.getMessage().contains("use 'shop-mixed-kek'"), e.getMessage());
      assertFalse(Files.exists(keystore), "nothing written");
      Colseal.start(db.connections(), config(keystore, "shop-mixed-kek", Cli.CANARY)).close();
    }
  }

  @Test
  void kekCreate_nonAsciiPassword_refusedClearlyWithoutQuotingIt() {
    Path keystore = dir.resolve("kek.p12");
    CliResult r = run(Map.of("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", NON_ASCII), "kek", "create", "--provider",
        "local", "--keystore", keystore.toString(), "--alias", "kek1").failed("CONFIG_INVALID");
    assertTrue(r.err().contains("colseal.kms.local.keystore-password) has a character outside printable ASCII"),
        r.err());
    assertFalse(r.err().contains("Key protection algorithm not found"), r.err());
    assertFalse(r.err().contains("pässwörd"), r.err());
    assertFalse(Files.exists(keystore), "nothing written");
  }

  @Test
  void appStart_nonAsciiPassword_configInvalidWithoutQuotingIt() {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      ColsealConfigException e = assertThrows(ColsealConfigException.class,
          () -> Colseal.start(db.connections(), config(dir.resolve("app.p12"), "kek1", NON_ASCII)).close());
      assertTrue(e.getMessage().contains("outside printable ASCII"), e.getMessage());
      assertFalse(e.getMessage().contains("pässwörd"), e.getMessage());
      assertFalse(e.getMessage().contains(Cli.CANARY), e.getMessage());
    }
  }
}
