/** Data keys: the key ring, key versions and their states, and in-memory key material. */
@NullMarked
package io.colseal.keys;

import org.jspecify.annotations.NullMarked;
