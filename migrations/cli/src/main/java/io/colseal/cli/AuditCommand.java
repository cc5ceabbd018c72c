package io.colseal.cli;

import io.colseal.ColsealSettings;
import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.UsageException;
import io.colseal.exception.ErrorCode;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.SigningKey;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.kms.local.LocalKmsProviderFactory;
import io.colseal.operations.ComplianceAudit;
import io.colseal.operations.audit.CsvAuditRenderer;
import io.colseal.operations.audit.HtmlAuditRenderer;
import io.colseal.operations.audit.JsonAuditRenderer;
import io.colseal.operations.audit.Lang;
import io.colseal.operations.audit.MarkdownAuditRenderer;
import io.colseal.operations.audit.SignedReports;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.report.AuditReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colseal audit}: the compliance column audit report ({@link ComplianceAudit}) as Markdown
 * (default, stdout), JSON, CSV (five files) or HTML. With {@code --fail-on S} it exits with {@code
 * AUDIT_FINDINGS} (51) after writing the report when findings of severity S or above exist.
 */
@Command(name = "audit", sortOptions = false, subcommands = AuditVerifyCommand.class, description = {"Compliance column audit report: key register, "
    + "KEKs and their KMS state, encrypted column inventory with rows per key version, suspected unencrypted "
    + "personal data (masked), key lifecycle, algorithms and findings. Reads only; nothing is decrypted."})
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--table", paramLabel = "TABLE", description = "Only this table; repeatable (default: all).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "markdown (default), json, csv or html.")
  @Nullable String format;

  @Option(names = "--output", paramLabel = "FILE|DIR",
      description = "Write to this file (csv: this directory, as summary.csv, findings.csv, key-register.csv,"
          + " column-inventory.csv, pii-suspects.csv and attestations.csv).")
  @Nullable Path output;

  @Option(names = "--lang", paramLabel = "LANG", description = "Labels in ko or en (default en).")
  String lang = "en";

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Exit with AUDIT_FINDINGS (51) when findings of high, medium or low severity or above exist.")
  @Nullable String failOn;

  @Option(names = "--pii-sample-rows", paramLabel = "N",
      description = "Values sampled per unregistered text or wide numeric column, at random over the table"
          + " (default 200; 0 checks names only).")
  int piiSampleRows = 200;

  @Option(names = "--schema", paramLabel = "SCHEMA", split = ",",
      description = "Scan only these schemas (MariaDB: databases) for unencrypted personal data; repeatable or"
          + " comma-separated (default: every schema the connection may read).")
  List<String> schemas = new ArrayList<>();

  @Option(names = "--no-kms", description = "Do not ask the KMS about the KEKs (their state is UNKNOWN).")
  boolean noKms;

  @Option(names = "--algorithms-reviewed", paramLabel = "DATE",
      description = "When the algorithm inventory was last reviewed (YYYY-MM-DD, PCI DSS 12.3.3); the report shows"
          + " the next review a year later and ALGORITHM_REVIEW_OVERDUE once it has passed.")
  @Nullable String algorithmsReviewed;

  @Option(names = "--sign-with", paramLabel = "KEY",
      description = "Sign the report with this key of colseal.kms.provider: an AWS KMS asymmetric key (ECC_NIST_P256"
          + " or RSA, SIGN_VERIFY) or an EC P-256 entry of the local keystore. Check it with 'colseal audit verify'.")
  @Nullable String signWith;

  @Override
  public Integer call() {
    ColsealCommand root = (ColsealCommand) spec.root().userObject();
    Context context = root.context();
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : root.json() ? "json" : "markdown";
    if (!List.of("markdown", "json", "csv", "html").contains(fmt)) {
      throw new UsageException("--format must be markdown, json, csv or html, got '" + format + "'");
    }
    if (signWith != null && fmt.equals("csv")) {
      // CSV files cannot carry the signed JSON, so nobody could check the signature: refuse before the KMS signs.
      throw new UsageException("--sign-with needs --format json, html or markdown: CSV files do not carry the signed"
          + " JSON; sign the JSON form and keep it beside the CSV files");
    }
    Lang language;
    try {
      language = Lang.parse(lang);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--lang must be ko or en, got '" + lang + "'");
    }
    @Nullable Severity threshold = failOn == null ? null : severity(failOn);
    if (piiSampleRows < 0 || piiSampleRows > 100_000) {
      throw new UsageException("--pii-sample-rows must be 0..100000, got " + piiSampleRows);
    }
    LocalDate reviewed = reviewDate(LocalDate.now(ZoneOffset.UTC));
    boolean queryKms = !noKms && context.settings().get(ColsealSettings.KMS_PROVIDER.name()).isPresent();
    String passwordSource = passwordSource(context);
    if (queryKms) {
      prepareKms(context);
      if (passwordSource == null && context.settings().get(LocalKmsProviderFactory.KEYSTORE_PASSWORD.name())
          .filter(p -> !p.isEmpty()).isPresent()) {
        passwordSource = "prompt";
      }
    }
    ComplianceAudit audit = ComplianceAudit.builder(context.connections(), context.config())
        .tables(tables).piiSampleRows(piiSampleRows).schemas(schemas).queryKms(queryKms).algorithmsReviewed(reviewed)
        .keystorePasswordSource(passwordSource).build();
    AuditReport report;
    if (signWith == null) {
      report = audit.run();
    } else {
      // The signing key first: a wrong key id or password fails before the audit reads the database.
      try (SigningKey key = signingKey(context, signWith)) {
        report = SignedReports.sign(audit.run(), key, Instant.now());
      }
    }
    write(root.out(), fmt, report, language);
    if (threshold != null && report.findingsAtOrAbove(threshold) > 0) {
      PrintStream err = root.err();
      err.println("colseal: " + ErrorCode.AUDIT_FINDINGS.name() + ": " + report.findingsAtOrAbove(threshold)
          + " findings of severity " + threshold + " or above");
      err.flush();
      return ErrorCode.AUDIT_FINDINGS.exitCode();
    }
    return 0;
  }

  /**
   * Checks the KEK settings (and asks for the keystore password) so the provider can be created. A
   * missing {@code colseal.kms.kek-id} defaults to a KEK the key table names, since the audit only
   * describes KEKs.
   */
  private static void prepareKms(Context context) {
    String defaultKek = null;
    if (context.settings().get(ColsealSettings.KEK_ID.name()).isEmpty()) {
      try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
        String provider = context.settings().require(ColsealSettings.KMS_PROVIDER.name());
        defaultKek = admin.list().stream().filter(v -> v.kekProvider().equals(provider)).map(KeyVersion::kekId)
            .findFirst().orElse(null);
      }
      if (defaultKek == null) {
        return;
      }
    }
    context.requireKmsSettings(defaultKek); // the audit opens its own key admin: no second open here
  }

  /**
   * Where the keystore password was given ({@code environment}, {@code config file}, {@code command
   * line}), before any prompt; null when it was not given.
   */
  private static @Nullable String passwordSource(Context context) {
    String name = LocalKmsProviderFactory.KEYSTORE_PASSWORD.name();
    if (context.settings().get(name).filter(p -> !p.isEmpty()).isEmpty()) {
      return null;
    }
    return context.settings().origin(name).map(o -> o.label()).orElse(null);
  }

  /**
   * Opens {@code keyId} of {@code colseal.kms.provider} for signing; for {@code local} the keystore
   * password is the KEK's (setting, environment, file or prompt), never a command-line argument.
   */
  private static SigningKey signingKey(Context context, String keyId) {
    String provider = context.settings().get(ColsealSettings.KMS_PROVIDER.name()).orElseThrow(() ->
        new UsageException("--sign-with needs colseal.kms.provider (aws-kms or local) to find the key"));
    if (provider.equals(LocalKeystoreKms.NAME)) {
      context.settings().require(LocalKmsProviderFactory.KEYSTORE.name());
      Arrays.fill(context.keystorePassword(), '\0');
    }
    return SigningKey.open(context.config(), provider, keyId);
  }

  private static Severity severity(String s) {
    try {
      return Severity.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fail-on must be high, medium or low, got '" + s + "'");
    }
  }

  private void write(PrintStream out, String fmt, AuditReport report, Lang language) {
    try {
      switch (fmt) {
        case "json" -> emit(out, new JsonAuditRenderer().render(report, language));
        case "markdown" -> emit(out, new MarkdownAuditRenderer().render(report, language));
        case "html" -> emit(out, new HtmlAuditRenderer().render(report, language));
        default -> csv(out, report, language);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + output, e);
    }
  }

  private void emit(PrintStream out, String text) throws IOException {
    if (output == null) {
      out.print(text);
      out.flush();
    } else {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    }
  }

  private void csv(PrintStream out, AuditReport report, Lang language) throws IOException {
    Map<String, String> files = new CsvAuditRenderer().files(report, language);
    if (output == null) {
      // One stream: the byte order mark once, then the files separated by an empty line.
      out.print(CsvAuditRenderer.BOM);
      out.print(files.values().stream().map(f -> f.substring(CsvAuditRenderer.BOM.length()))
          .collect(Collectors.joining("\r\n")));
      out.flush();
      return;
    }
    Files.createDirectories(output);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(output.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private @Nullable LocalDate reviewDate(LocalDate today) {
    if (algorithmsReviewed == null) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(algorithmsReviewed.trim());
    } catch (DateTimeParseException e) {
      throw new UsageException("--algorithms-reviewed must be a date such as 2026-03-31, got '" + algorithmsReviewed
          + "'");
    }
    if (date.isAfter(today)) {
      throw new UsageException("--algorithms-reviewed " + date + " is in the future (today is " + today
          + " UTC): give the day the last review took place");
    }
    return date;
  }
}
