package io.colseal.operations.report;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code colseal audit verify}: what was checked in one report file and the verdict.
 *
 * @param file the file as given
 * @param format {@code JSON}, {@code HTML} or {@code MARKDOWN}
 * @param verdict {@code VALID} (intact and the signature checks), {@code UNSIGNED} (intact, no
 *     signature) or {@code INVALID}
 * @param problem why it is {@code INVALID}, else null
 * @param contentSha256 the report's hash, null when the file holds no report
 * @param provider the signing key's provider, null when unsigned
 * @param keyId the signing key, null when unsigned
 * @param algorithm the signature algorithm, null when unsigned
 * @param signedAt when it was signed, null when unsigned
 * @param publicKeySha256 SHA-256 (hex) of the report's public key (DER): compare it with the one
 *     published for the key; null when unsigned
 * @param checkedWith how the signature was checked: {@code KMS Verify}, {@code local keystore} or
 *     {@code public key file}; null when it was not
 */
public record ReportVerification(
    String file,
    String format,
    String verdict,
    @Nullable String problem,
    @Nullable String contentSha256,
    @Nullable String provider,
    @Nullable String keyId,
    @Nullable String algorithm,
    @Nullable Instant signedAt,
    @Nullable String publicKeySha256,
    @Nullable String checkedWith) implements CommandReport {

  public static final String VALID = "VALID";
  public static final String UNSIGNED = "UNSIGNED";
  public static final String INVALID = "INVALID";

  @Override
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(file).append(": ").append(verdict).append(" (").append(format).append(")\n");
    if (problem != null) {
      out.append("  problem:           ").append(problem).append('\n');
    }
    if (contentSha256 != null) {
      out.append("  contentSha256:     ").append(contentSha256).append('\n');
    }
    if (keyId != null) {
      out.append("  signed by:         ").append(provider).append(' ').append(keyId).append('\n');
      out.append("  algorithm:         ").append(algorithm).append('\n');
      out.append("  signed at:         ").append(signedAt).append('\n');
      out.append("  public key SHA-256: ").append(publicKeySha256).append('\n');
    }
    if (checkedWith != null) {
      out.append("  checked with:      ").append(checkedWith).append('\n');
    }
    return out.toString();
  }
}
