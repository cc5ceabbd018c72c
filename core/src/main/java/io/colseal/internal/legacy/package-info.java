/**
 * Readers of ciphertext made outside colseal, for migrating it into colseal envelopes: Fernet
 * tokens of the AWS KMS + Fernet recipe. Applications and the re-encryption job read them through
 * {@code colseal.migration.read-fernet-key}; {@link io.colseal.FernetTokens} tells them by shape.
 */
@NullMarked
package io.colseal.internal.legacy;

import org.jspecify.annotations.NullMarked;
