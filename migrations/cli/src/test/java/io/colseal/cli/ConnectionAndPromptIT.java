package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.cli.internal.Terminal;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.CliResult;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that fails says so, with where to and the SQLState, never the password; a bare
 * {@code --jdbc-password} asks on the console only, so {@code --json} stays one document on stdout.
 */
class ConnectionAndPromptIT {
  @TempDir Path dir;

  private static CliResult run(Terminal terminal, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ColsealCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
    CliResult r = new CliResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    Cli.check(r, args);
    return r;
  }

  /** A console that answers every password prompt with {@code answer} and records the prompts. */
  private static final class Console implements Terminal {
    final List<String> prompts = new ArrayList<>();
    final String answer;

    Console(String answer) {
      this.answer = answer;
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public @Nullable String readLine(String prompt) {
      prompts.add(prompt);
      return null;
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      return answer.toCharArray();
    }
  }

  @Test
  @OneDatabase(because = "a PostgreSQL URL whose port nothing listens on: no database is reached")
  void keysList_connectionRefused_saysTheConnectionFailedWithWhereAndSqlState() {
    CliResult r = run(Terminal.none(), Map.of("COLSEAL_JDBC_PASSWORD", Cli.CANARY), "keys", "list",
        "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/test?password=" + Cli.CANARY).failed("KEY_TABLE_ERROR");
    assertTrue(r.err().contains("could not connect to postgresql://127.0.0.1:1/test: the connection could not be"
        + " established"), r.err());
    assertTrue(r.err().contains("SQLState 08001"), r.err());
    assertFalse(r.err().contains("could not detect the database"), r.err());
  }

  @Test
  @OneDatabase(because = "a wrong password for the MariaDB server; MariaDB is the test server that checks passwords")
  void keysList_wrongPassword_saysTheDatabaseRefusedTheCredentials() {
    String url = System.getenv("COLSEAL_TEST_MARIADB_URL");
    CliResult r = run(Terminal.none(), Map.of("COLSEAL_JDBC_PASSWORD", Cli.CANARY), "keys", "list",
        "--jdbc-url", url, "--jdbc-user", "root", "--json").failed("KEY_TABLE_ERROR");
    assertTrue(r.err().contains("could not connect to " + url.substring("jdbc:".length())
        + ": the database refused the user or password"), r.err());
    assertTrue(r.err().contains("SQLState 28000"), r.err());
  }

  @Test
  @OneDatabase(because = "the prompt's destination does not depend on the database; H2 in a file answers")
  void bareJdbcPassword_withConsole_promptsThereAndStdoutIsJsonOnly() {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Console console = new Console(db.password());
      CliResult r = run(console, Map.of(), "keys", "list", "--jdbc-url", db.url(), "--jdbc-user", db.user(), "--json",
          "--jdbc-password").ok();
      assertEquals(List.of("Database password: "), console.prompts);
      assertTrue(r.json().has("tables"), r.out());
      assertFalse(r.out().contains("password"), r.out());
    }
  }

  @Test
  @OneDatabase(because = "fails before any connection: no database is reached")
  void bareJdbcPassword_noConsole_configInvalidAndStdoutIsOneJsonDocument() {
    CliResult r = run(Terminal.none(), Map.of(), "keys", "list", "--jdbc-url", "jdbc:h2:mem:none", "--json",
        "--jdbc-password").failed("CONFIG_INVALID");
    assertTrue(r.err().contains("no console is attached"), r.err());
    assertEquals("CONFIG_INVALID", r.json().at("/error/code").asText());
  }

  @Test
  @Tag("jar")
  @OneDatabase(because = "the child fails before any connection: no database is reached")
  void bareJdbcPassword_jarWithoutConsole_stdoutIsOneJsonDocument() {
    CliResult r = new Cli(dir).run("keys", "list", "--jdbc-url", "jdbc:h2:mem:none", "--json", "--jdbc-password")
        .failed("CONFIG_INVALID");
    assertFalse(r.out().contains("Enter value"), r.out());
    assertEquals("CONFIG_INVALID", r.json().at("/error/code").asText());
  }
}
