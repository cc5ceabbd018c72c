/**
 * The envelope format, associated data and value encodings. Not API; may change in any release.
 * The format itself is specified in {@code docs/reference/ciphertext-format.md}.
 */
@NullMarked
package io.colseal.internal.format;

import org.jspecify.annotations.NullMarked;
