/** The local KEK provider: an AES-256 KEK in a PKCS12 keystore. */
@NullMarked
package io.colseal.kms.local;

import org.jspecify.annotations.NullMarked;
