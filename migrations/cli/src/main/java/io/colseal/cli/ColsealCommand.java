package io.colseal.cli;

import static java.util.Objects.requireNonNull;

import io.colseal.ColsealSettings;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.ErrorReporter;
import io.colseal.cli.internal.Settings;
import io.colseal.cli.internal.Terminal;
import io.colseal.cli.internal.UsageException;
import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.local.LocalKmsProviderFactory;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.JsonWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The {@code colseal} command: operator key management for colseal's key table.
 *
 * <p>Global options are inherited by every subcommand, so they may come before or after it. Each
 * command prints a plain-text table, or with {@code --json} one JSON document (JSON lines for
 * {@code reencrypt}), on stdout; logs and errors go to stderr. The exit status is 0 on success, the {@code ErrorCode}'s exit code
 * for a colseal error, 2 for a usage error and 1 for anything unexpected
 * ({@code docs/reference/exit-codes.md}).
 */
@Command(
    name = "colseal",
    scope = ScopeType.INHERIT,
    versionProvider = ColsealCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Operator commands for colseal's data keys (key table colseal_data_key).",
    subcommands = {ColsealCommand.Kek.class, ColsealCommand.Keys.class, ColsealCommand.Columns.class,
        ReencryptCommand.class, AuditCommand.class},
    footer = {"", "Settings: command line, then environment (COLSEAL_*), then the --config file.",
        "Exit codes: docs/reference/exit-codes.md"})
public final class ColsealCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
  boolean help;

  // Not inherited: 'keys destroy|retire|reactivate --version N' name a key version.
  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show the version.")
  boolean version;

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Properties file with colseal.* settings (also COLSEAL_CONFIG).")
  @Nullable Path config;

  @Option(names = "--jdbc-url", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "JDBC URL of the database holding the key table (colseal.jdbc.url, COLSEAL_JDBC_URL).")
  @Nullable String jdbcUrl;

  @Option(names = "--jdbc-user", paramLabel = "USER", scope = ScopeType.INHERIT,
      description = "Database user (colseal.jdbc.user, COLSEAL_JDBC_USER).")
  @Nullable String jdbcUser;

  // Not picocli's interactive option: without a console it prompts on stdout, which breaks --json.
  @Option(names = "--jdbc-password", paramLabel = "PASSWORD", arity = "0..1", fallbackValue = "",
      scope = ScopeType.INHERIT,
      description = {"Database password; alone, it is prompted for without echo on the console (never on "
          + "stdout; without a console it is an error). A value given here is visible in the process list: "
          + "prefer the prompt, COLSEAL_JDBC_PASSWORD or the --config file."})
  char @Nullable [] jdbcPassword;

  @Option(names = "--kms-provider", paramLabel = "NAME", scope = ScopeType.INHERIT,
      description = "KEK provider: aws-kms or local (colseal.kms.provider).")
  @Nullable String kmsProvider;

  @Option(names = "--kek-id", paramLabel = "ID", scope = ScopeType.INHERIT,
      description = "KEK that wraps new data keys: KMS key id, ARN or alias, or keystore alias (colseal.kms.kek-id).")
  @Nullable String kekId;

  @Option(names = "--keystore", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "PKCS12 keystore of the local provider (colseal.kms.local.keystore).")
  @Nullable String keystore;

  @Option(names = "--set", paramLabel = "NAME=VALUE", scope = ScopeType.INHERIT,
      description = "Any colseal.* setting; repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Machine-readable output on stdout: one JSON document (reencrypt: one JSON event per line).")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "INFO logs and the resolved settings (secrets masked) on stderr; stack traces of unexpected errors.")
  boolean verbose;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final Terminal terminal;
  private @Nullable Context context;

  /** The command; {@code environment} stands for {@link System#getenv()} (tests pass their own). */
  public ColsealCommand(Map<String, String> environment, PrintStream out, PrintStream err, Terminal terminal) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
    this.terminal = requireNonNull(terminal, "terminal");
  }

  public static void main(String[] args) {
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int status = run(args, System.getenv(), stdout, stderr, Terminal.system());
    stdout.flush();
    stderr.flush();
    System.exit(status);
  }

  /** Runs one command line and returns its exit status; never calls {@link System#exit}. */
  public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err,
      Terminal terminal) {
    ColsealCommand root = new ColsealCommand(environment, out, err, terminal);
    CommandLine cl = new CommandLine(root);
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorReporter errors = new ErrorReporter(out, err, root::secretValues);
    boolean jsonRequested = Arrays.asList(args).contains("--json");
    cl.setParameterExceptionHandler((ex, a) -> {
      String message = String.valueOf(ex.getMessage());
      if (message.startsWith("Error: ")) {
        message = message.substring("Error: ".length());
      }
      String hint = "; see '" + commandPath(ex.getCommandLine()) + " --help'";
      return errors.report(new UsageException(message + hint), jsonRequested, root.verbose);
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> errors.report(ex, root.json, root.verbose));
    cl.setExecutionStrategy(root::execute);
    return cl.execute(args);
  }

  private static String commandPath(CommandLine cl) {
    List<String> names = new ArrayList<>();
    for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
      names.add(0, c.getCommandName());
    }
    names.add(0, "colseal");
    return String.join(" ", names);
  }

  private int execute(ParseResult parsed) {
    configureLogging(verbose);
    return new CommandLine.RunLast().execute(parsed);
  }

  /** slf4j-simple reads its settings once, at first use: stderr, WARN (INFO with --verbose). */
  private static void configureLogging(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new UsageException("missing command: kek, keys, columns, reencrypt or audit; see 'colseal --help'");
  }

  /** The settings, services and streams the subcommands work with. */
  Context context() {
    if (context == null) {
      context = new Context(this::resolveSettings, terminal, err, verbose);
    }
    return context;
  }

  private Settings resolveSettings() {
    Map<String, String> flags = new LinkedHashMap<>(set);
    putIfGiven(flags, Settings.JDBC_URL, jdbcUrl);
    putIfGiven(flags, Settings.JDBC_USER, jdbcUser);
    if (jdbcPassword != null && jdbcPassword.length == 0) {
      jdbcPassword = promptJdbcPassword();
    }
    if (jdbcPassword != null) {
      flags.put(Settings.JDBC_PASSWORD, new String(jdbcPassword));
      Arrays.fill(jdbcPassword, '\0');
      jdbcPassword = null;
    }
    putIfGiven(flags, ColsealSettings.KMS_PROVIDER.name(), kmsProvider);
    putIfGiven(flags, ColsealSettings.KEK_ID.name(), kekId);
    putIfGiven(flags, LocalKmsProviderFactory.KEYSTORE.name(), keystore);
    return Settings.resolve(flags, FLAG_NAMES, environment, config);
  }

  /** {@code --jdbc-password} alone: asked on the console, which is never stdout (that carries --json). */
  private char[] promptJdbcPassword() {
    char[] typed = terminal.interactive() ? terminal.readPassword("Database password: ") : null;
    if (typed == null || typed.length == 0) {
      throw new ColsealConfigException("--jdbc-password was given without a value and no console is attached to ask"
          + " for it: set COLSEAL_JDBC_PASSWORD or " + Settings.JDBC_PASSWORD + " in the --config file instead");
    }
    return typed;
  }

  private static final Map<String, String> FLAG_NAMES = Map.of(
      Settings.JDBC_URL, "--jdbc-url",
      Settings.JDBC_USER, "--jdbc-user",
      Settings.JDBC_PASSWORD, "--jdbc-password",
      ColsealSettings.KMS_PROVIDER.name(), "--kms-provider",
      ColsealSettings.KEK_ID.name(), "--kek-id",
      LocalKmsProviderFactory.KEYSTORE.name(), "--keystore");

  private static void putIfGiven(Map<String, String> flags, String name, @Nullable String value) {
    if (value != null) {
      flags.put(name, value);
    }
  }

  /** Every secret this run knows, so that no message can carry one. */
  private List<String> secretValues() {
    List<String> secrets = new ArrayList<>();
    if (jdbcPassword != null && jdbcPassword.length > 0) {
      secrets.add(new String(jdbcPassword));
    }
    set.forEach((k, v) -> {
      if (ColsealSettings.isSecret(k) && !v.isEmpty()) {
        secrets.add(v);
      }
    });
    Settings resolved = context == null ? null : context.resolvedSettings();
    if (resolved != null) {
      secrets.addAll(resolved.secretValues());
    }
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().startsWith("COLSEAL_") && ColsealSettings.isSecret(e.getKey()) && !e.getValue().isEmpty()) {
        secrets.add(e.getValue());
      }
    }
    return secrets;
  }

  boolean json() {
    return json;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** Writes a command's result: JSON with --json, else its text. */
  void print(CommandReport report) {
    out.print(json ? JsonWriter.write(report) : report.toText());
    out.flush();
  }

  /** Prints the version from the jar's build. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = ColsealCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"colseal " + p.getProperty("version", "(development build)")};
    }
  }

  /** {@code colseal kek}: key-encryption keys. */
  @Command(name = "kek", description = "Create key-encryption keys (KEKs).", subcommands = KekCreateCommand.class)
  static final class Kek implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UsageException("missing command: kek create; see 'colseal kek --help'");
    }
  }

  /** {@code colseal keys}: data keys in the key table. */
  @Command(name = "keys", description = "Manage the data keys in the key table.",
      subcommands = {KeysInitCommand.class, KeysListCommand.class, KeysRotateCommand.class, KeysRewrapCommand.class,
          KeysRetireCommand.class, KeysReactivateCommand.class, KeysDestroyCommand.class,
          KeysSetCryptoperiodCommand.class})
  static final class Keys implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UsageException(
          "missing command: init, list, rotate, rewrap, retire, reactivate or destroy; see 'colseal keys --help'");
    }
  }

  /** {@code colseal columns}: the column registry. */
  @Command(name = "columns", description = "Show the registry of encrypted columns.",
      subcommands = ColumnsListCommand.class)
  static final class Columns implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UsageException("missing command: columns list; see 'colseal columns --help'");
    }
  }
}
