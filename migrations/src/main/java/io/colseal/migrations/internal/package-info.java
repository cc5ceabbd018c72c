/** Settings resolution, output writers and KEK creation of the CLI. Not API; may change in any release. */
@NullMarked
package io.colseal.migrations.internal;

import org.jspecify.annotations.NullMarked;
