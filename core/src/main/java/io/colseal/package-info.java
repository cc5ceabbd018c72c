/**
 * What applications touch: {@code io.colseal.hibernate.Encrypted}, {@link io.colseal.ColsealConfig}, {@link
 * io.colseal.Colseal} and {@link io.colseal.ColumnCipher} for plain JDBC, and {@link
 * io.colseal.exception.ColsealException} with its subclasses.
 */
@NullMarked
package io.colseal;

import org.jspecify.annotations.NullMarked;
