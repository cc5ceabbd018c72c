/**
 * Typed results of the {@code colseal} commands. Each record is written as the command's {@code
 * --json} document (component names are the JSON keys) or as a plain-text table. They hold key ids,
 * versions, states and counts only: never a value, key material or a password.
 */
@NullMarked
package io.colseal.operations.report;

import org.jspecify.annotations.NullMarked;
