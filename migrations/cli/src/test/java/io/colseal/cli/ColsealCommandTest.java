package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.cli.internal.Terminal;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command in this JVM, with an injected environment and no console. */
class ColsealCommandTest {
  private static final String CANARY = Cli.CANARY;

  @TempDir Path dir;

  static CliResult run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ColsealCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Terminal.none());
    CliResult r = new CliResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    Cli.check(r, args);
    return r;
  }

  static CliResult run(String... args) {
    return run(Map.of(), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "keys rotate",
      "keys rotate --table a --all",
      "keys rewrap --all",
      "keys init",
      "keys destroy --table t",
      "keys destroy --table t --version x",
      "keys destroy --table t --version 1 --force",
      "keys destroy --table t --version 1 --force --confirm t:v2",
      "keys destroy --table t --version 1 --confirm t:v1",
      "kek create --alias a",
      "kek create --provider other --alias a",
      "kek create --provider aws-kms --alias not-an-alias",
      "--bogus",
      "keys frobnicate",
      "keys",
      "kek",
      "columns",
      ""})
  void run_usageError_exits2(String line) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");

    run(args).failed("USAGE");
  }

  @Test
  void run_usageErrorWithJson_writesErrorDocument() {
    CliResult r = run("keys", "rotate", "--json").failed("USAGE");

    assertEquals("USAGE", r.json().at("/error/code").asText());
    assertEquals(2, r.json().at("/error/exitCode").asInt());
  }

  @Test
  void run_globalOptionBeforeSubcommand_isInherited() {
    CliResult r = run("--json", "keys", "list").failed("CONFIG_INVALID");

    assertEquals(10, r.json().at("/error/exitCode").asInt());
  }

  @Test
  void run_forceWithoutConfirmation_saysWhatToPass() {
    CliResult r = run("keys", "destroy", "--table", "customers", "--version", "1", "--force").failed("USAGE");

    assertTrue(r.err().contains("--confirm customers:v1"), r.err());
  }

  @Test
  void run_noJdbcUrl_configInvalidNamingAllThreePlaces() {
    CliResult r = run("keys", "list").failed("CONFIG_INVALID");

    assertTrue(r.err().contains("--jdbc-url"), r.err());
    assertTrue(r.err().contains("COLSEAL_JDBC_URL"), r.err());
    assertTrue(r.err().contains("colseal.jdbc.url"), r.err());
  }

  @Test
  void run_helpAndVersion_exit0() {
    assertTrue(run("keys", "destroy", "--help").ok().out().contains("--confirm"));
    assertTrue(run("-V").ok().out().startsWith("colseal "));
  }

  @Test
  void run_flagAndEnvironment_flagWinsAndEnvironmentBeatsFile() throws Exception {
    Path file = dir.resolve("c.properties");
    java.nio.file.Files.writeString(file, "colseal.kms.kek-id=file-kek\ncolseal.kms.provider=file-provider\n"
        + "colseal.kms.aws.region=file-region\n");
    Map<String, String> env = Map.of("COLSEAL_KMS_KEK_ID", "env-kek", "COLSEAL_KMS_PROVIDER", "env-provider",
        "COLSEAL_CONFIG", file.toString());

    CliResult r = run(env, "keys", "list", "--verbose", "--kek-id", "flag-kek").failed("CONFIG_INVALID");

    assertTrue(r.err().contains("colseal.kms.kek-id = flag-kek (command line)"), r.err());
    assertTrue(r.err().contains("colseal.kms.provider = env-provider (environment)"), r.err());
    assertTrue(r.err().contains("colseal.kms.aws.region = file-region (config file)"), r.err());
  }

  /** Every command, on its success and failure paths, with the canary as every password. */
  @Test
  void run_everyCommand_neverPrintsASecret() {
    Map<String, String> env = Map.of("COLSEAL_JDBC_PASSWORD", CANARY, "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", CANARY);
    String keystore = dir.resolve("kek.p12").toString();
    String missingDb = "jdbc:h2:mem:cs_missing;IFEXISTS=TRUE;password=" + CANARY;
    String db = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    List<String[]> lines = new ArrayList<>();
    for (String url : List.of(missingDb, db)) {
      String[] common = {"--jdbc-url", url, "--jdbc-user", "sa", "--kms-provider", "local", "--keystore", keystore,
          "--kek-id", "kek1", "--verbose"};
      lines.add(concat(new String[] {"kek", "create", "--alias", "kek1"}, common));
      lines.add(concat(new String[] {"kek", "create", "--alias", "kek1", "--json"}, common));
      lines.add(concat(new String[] {"keys", "init", "--table", "customers"}, common));
      lines.add(concat(new String[] {"keys", "list", "--count-rows", "--json"}, common));
      lines.add(concat(new String[] {"keys", "rotate", "--table", "customers"}, common));
      lines.add(concat(new String[] {"keys", "rewrap", "--to-kek", "kek1", "--all"}, common));
      lines.add(concat(new String[] {"keys", "retire", "--table", "customers", "--version", "1"}, common));
      lines.add(concat(new String[] {"keys", "reactivate", "--table", "customers", "--version", "1"}, common));
      lines.add(concat(new String[] {"keys", "destroy", "--table", "customers", "--version", "1", "--json"}, common));
      lines.add(concat(new String[] {"columns", "list"}, common));
      lines.add(concat(new String[] {"keys", "list", "--jdbc-password=" + CANARY}, common));
      lines.add(concat(new String[] {"keys", "list", "--set", "colseal.kms.local.keystore-password=" + CANARY,
          "--set", "colseal.keys.usage-cap=bad"}, common));
    }
    lines.add(new String[] {"kek", "create", "--provider", "local", "--alias", "other", "--keystore", keystore,
        "--set", "colseal.kms.local.keystore-password=wrong-" + CANARY});
    int failures = 0;
    for (String[] args : lines) {
      CliResult r = run(env, args);
      failures += r.exit() == 0 ? 0 : 1;
      assertFalse((r.out() + r.err()).contains(CANARY), String.join(" ", args) + "\n" + r);
    }
    assertTrue(failures > 0 && failures < lines.size(), "both success and error paths were run");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
