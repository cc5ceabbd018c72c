/** The in-memory cache of unwrapped data keys. Not API; may change in any release. */
@NullMarked
package io.colseal.internal.cache;

import org.jspecify.annotations.NullMarked;
