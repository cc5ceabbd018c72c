/**
 * The {@code colseal} operator command: {@link io.colseal.migrations.ColsealCommand} and one class
 * per subcommand. Results are records in {@link io.colseal.migrations.report}; exit codes follow
 * {@code docs/reference/exit-codes.md}.
 */
@NullMarked
package io.colseal.migrations;

import org.jspecify.annotations.NullMarked;
