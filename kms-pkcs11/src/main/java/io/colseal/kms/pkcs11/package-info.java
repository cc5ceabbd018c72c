/**
 * The {@code pkcs11} KEK provider ({@link io.colseal.kms.pkcs11.Pkcs11KmsProviderFactory}): data
 * keys wrapped with AES-256-GCM by a KEK object inside a PKCS#11 token. See {@code
 * docs/guides/hsm-setup.md}.
 */
@NullMarked
package io.colseal.kms.pkcs11;

import org.jspecify.annotations.NullMarked;
