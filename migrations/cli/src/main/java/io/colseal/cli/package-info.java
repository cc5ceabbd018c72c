/**
 * The {@code colseal} operator command: {@link io.colseal.cli.ColsealCommand} and one class per
 * subcommand. Results are records in {@link io.colseal.operations.report}; exit codes follow
 * {@code docs/reference/exit-codes.md}.
 */
@NullMarked
package io.colseal.cli;

import org.jspecify.annotations.NullMarked;
