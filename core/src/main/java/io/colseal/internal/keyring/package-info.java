/** The in-memory cache of unwrapped data keys. Not API; may change in any release. */
@NullMarked
package io.colseal.internal.keyring;

import org.jspecify.annotations.NullMarked;
