package io.colseal.operations.report;

import org.jspecify.annotations.Nullable;

/**
 * {@code colseal kek create}: the key-encryption key just made.
 *
 * @param provider {@code aws-kms} or {@code local}
 * @param alias the alias to configure as {@code colseal.kms.kek-id}
 * @param keyId the AWS KMS key id, or the keystore alias for {@code local}
 * @param arn the key ARN ({@code aws-kms}), else null
 * @param keystore the keystore file ({@code local}), else null
 * @param description the key's description, if one was given
 */
public record KekCreated(
    String provider, String alias, String keyId, @Nullable String arn, @Nullable String keystore,
    @Nullable String description) implements CommandReport {

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder("Created ").append(provider).append(" KEK ").append(alias).append('\n');
    sb.append("  key id:   ").append(keyId).append('\n');
    if (arn != null) {
      sb.append("  arn:      ").append(arn).append('\n');
    }
    if (keystore != null) {
      sb.append("  keystore: ").append(keystore).append('\n');
    }
    sb.append("Use it with --kek-id ").append(alias).append(" (colseal.kms.kek-id).\n");
    return sb.toString();
  }
}
