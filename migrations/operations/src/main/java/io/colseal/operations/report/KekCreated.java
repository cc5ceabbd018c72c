package io.colseal.operations.report;

import org.jspecify.annotations.Nullable;

/**
 * {@code colseal kek create}: the key-encryption key just made.
 *
 * @param provider {@code aws-kms}, {@code local} or {@code pkcs11}
 * @param alias the alias to configure as {@code colseal.kms.kek-id}
 * @param keyId the AWS KMS key id, or the keystore alias ({@code local}) or key object label ({@code pkcs11})
 * @param arn the key ARN ({@code aws-kms}), else null
 * @param keystore the keystore file ({@code local}), else null
 * @param description the key's description, if one was given
 * @param token where the key object lives ({@code pkcs11}: the slot and the PKCS#11 library), else null
 * @param attributes the key object's attributes as the token reports them ({@code pkcs11}: {@code
 *     CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false}), else null
 */
public record KekCreated(
    String provider, String alias, String keyId, @Nullable String arn, @Nullable String keystore,
    @Nullable String description, @Nullable String token, @Nullable String attributes) implements CommandReport {

  /** A KEK without a token: {@code aws-kms} or {@code local}. */
  public KekCreated(String provider, String alias, String keyId, @Nullable String arn, @Nullable String keystore,
      @Nullable String description) {
    this(provider, alias, keyId, arn, keystore, description, null, null);
  }

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
    if (token != null) {
      sb.append("  token:    ").append(token).append('\n');
    }
    if (attributes != null) {
      sb.append("  attributes: ").append(attributes).append('\n');
    }
    sb.append("Use it with --kek-id ").append(alias).append(" (colseal.kms.kek-id).\n");
    return sb.toString();
  }
}
