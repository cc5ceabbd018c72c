/**
 * Ciphertext of other tools that a re-encryption job moves into colseal envelopes: the {@link
 * io.colseal.operations.legacy.LegacyFormat} a job opens, and the formats colseal reads itself
 * ({@link io.colseal.operations.legacy.LegacyFormats}).
 */
@NullMarked
package io.colseal.operations.legacy;

import org.jspecify.annotations.NullMarked;
