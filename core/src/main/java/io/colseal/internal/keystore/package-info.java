/** The key table: SQL, its migrator and vendor differences. Not API; may change in any release. */
@NullMarked
package io.colseal.internal.keystore;

import org.jspecify.annotations.NullMarked;
