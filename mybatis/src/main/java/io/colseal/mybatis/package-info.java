/**
 * MyBatis type handlers that encrypt one column each, bound to its table and column with one
 * annotation, and the set-up call that binds them to a {@link io.colseal.Colseal}: {@link
 * io.colseal.mybatis.ColsealMyBatis}. See {@code docs/guides/mybatis.md}.
 */
@NullMarked
package io.colseal.mybatis;

import org.jspecify.annotations.NullMarked;
