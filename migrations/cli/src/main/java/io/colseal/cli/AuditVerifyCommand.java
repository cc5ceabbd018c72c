package io.colseal.cli;

import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.UsageException;
import io.colseal.exception.ErrorCode;
import io.colseal.kms.SigningKey;
import io.colseal.kms.Signatures;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.operations.audit.SignedReports;
import io.colseal.operations.audit.SignedReports.Checked;
import io.colseal.operations.report.AuditReport;
import io.colseal.operations.report.ReportVerification;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code colseal audit verify REPORT}: checks a report file (JSON, HTML or Markdown as {@code colseal
 * audit} wrote it) with {@link SignedReports#check}, then its signature: with {@code --public-key}
 * offline, otherwise with the key's provider (KMS {@code Verify}, or the local keystore). Exits 0
 * when valid, {@code REPORT_INVALID} (52) or {@code REPORT_UNSIGNED} (53) otherwise.
 */
@Command(name = "verify", description = {"Check an audit report file (json, html or markdown): unchanged since"
    + " colseal wrote it, an HTML/Markdown page exactly the rendering of the signed JSON it carries, and the"
    + " signature (KMS Verify, the local keystore, or --public-key offline).",
    "Exit 0 when valid, 52 (REPORT_INVALID) when changed or the signature fails, 53 (REPORT_UNSIGNED) when"
        + " intact but unsigned."})
final class AuditVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPORT", description = "The report file.")
  Path file = Path.of("");

  @Option(names = "--public-key", paramLabel = "FILE",
      description = "Check the signature with this public key (PEM or DER SubjectPublicKeyInfo) instead of asking"
          + " the KMS or the keystore.")
  @Nullable Path publicKey;

  @Option(names = "--key", paramLabel = "KEY",
      description = "The signing key you trust (aws-kms: key id, ARN or alias; local: keystore alias). Its public key"
          + " must be the report's. Required for aws-kms reports unless --public-key is given: the key a report names"
          + " is not trusted, since anyone can sign with a KMS key of their own account.")
  @Nullable String trustedKey;

  @Override
  public Integer call() {
    ColsealCommand root = (ColsealCommand) spec.root().userObject();
    ReportVerification result = verify(root.context());
    root.print(result);
    if (result.verdict().equals(ReportVerification.VALID)) {
      return 0;
    }
    ErrorCode code = result.verdict().equals(ReportVerification.UNSIGNED) ? ErrorCode.REPORT_UNSIGNED
        : ErrorCode.REPORT_INVALID;
    PrintStream err = root.err();
    err.println("colseal: " + code.name() + ": " + file + ": " + (result.problem() != null ? result.problem()
        : "intact but not signed"));
    err.flush();
    return code.exitCode();
  }

  private ReportVerification verify(Context context) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return invalid("?", null, "the file is not UTF-8, so colseal did not write it as it is");
    }
    Checked c = SignedReports.check(text);
    AuditReport report = c.report();
    if (c.problem() != null || report == null) {
      return invalid(c.format().name(), report, c.problem());
    }
    AuditReport.Signature g = report.signature();
    if (g == null) {
      return new ReportVerification(file.toString(), c.format().name(), ReportVerification.UNSIGNED, null,
          report.contentSha256(), null, null, null, null, null, null);
    }
    byte[] embedded;
    try {
      embedded = Base64.getDecoder().decode(g.publicKey());
    } catch (IllegalArgumentException e) {
      return invalid(c.format().name(), report, "the report's publicKey is not Base64");
    }
    String checkedWith;
    boolean valid;
    if (publicKey != null) {
      checkedWith = "public key file";
      byte[] trusted = readPublicKey(publicKey);
      if (!MessageDigest.isEqual(trusted, embedded)) {
        return invalid(c.format().name(), report, "the report names another public key than " + publicKey);
      }
      valid = Signatures.verify(trusted, g.algorithm(), c.signedBytes(), c.signatureBytes());
    } else {
      boolean local = g.provider().equals(LocalKeystoreKms.NAME);
      if (!local && trustedKey == null) {
        // The report names its own key: a forger can name a KMS key of their own account. Only a key the
        // verifier names (or a public key file) anchors the check.
        throw new UsageException("name the signing key you trust with --key (KMS key id, ARN or alias) or give"
            + " --public-key; the key the report names (" + g.keyId() + ") is not trusted by itself");
      }
      String keyId = trustedKey != null ? trustedKey : g.keyId(); // local: an alias of the verifier's own keystore
      if (local) {
        Arrays.fill(context.keystorePassword(), '\0');
        checkedWith = "local keystore";
      } else {
        checkedWith = "KMS Verify";
      }
      try (SigningKey key = SigningKey.open(context.config(), g.provider(), keyId)) {
        if (!key.algorithm().equals(g.algorithm())) {
          return invalid(c.format().name(), report, "key " + keyId + " signs with " + key.algorithm()
              + ", the report says " + g.algorithm());
        }
        if (!MessageDigest.isEqual(key.publicKey(), embedded)) {
          return invalid(c.format().name(), report, "the report's publicKey is not the public key of " + keyId);
        }
        valid = key.verify(c.signedBytes(), c.signatureBytes());
      }
    }
    if (!valid) {
      return new ReportVerification(file.toString(), c.format().name(), ReportVerification.INVALID,
          "the signature does not check under " + g.keyId(), report.contentSha256(), g.provider(), g.keyId(),
          g.algorithm(), g.signedAt(), c.publicKeySha256(), checkedWith);
    }
    return new ReportVerification(file.toString(), c.format().name(), ReportVerification.VALID, null,
        report.contentSha256(), g.provider(), g.keyId(), g.algorithm(), g.signedAt(), c.publicKeySha256(),
        checkedWith);
  }

  private ReportVerification invalid(String format, @Nullable AuditReport report, @Nullable String problem) {
    return new ReportVerification(file.toString(), format, ReportVerification.INVALID, problem,
        report == null ? null : report.contentSha256(), null, null, null, null, null, null);
  }

  /** A public key file: PEM ({@code -----BEGIN PUBLIC KEY-----}) or DER. */
  private static byte[] readPublicKey(Path path) {
    try {
      byte[] bytes = Files.readAllBytes(path);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN PUBLIC KEY-----")) {
        return bytes;
      }
      String body = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26, text.indexOf("-----END"));
      return Base64.getMimeDecoder().decode(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the public key " + path, e);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new UsageException("--public-key " + path + " is neither PEM nor DER");
    }
  }
}
