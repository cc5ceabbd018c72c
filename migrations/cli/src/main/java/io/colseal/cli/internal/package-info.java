/** Settings resolution, the terminal, error output and KEK creation of the CLI. Not API; may change in any release. */
@NullMarked
package io.colseal.cli.internal;

import org.jspecify.annotations.NullMarked;
