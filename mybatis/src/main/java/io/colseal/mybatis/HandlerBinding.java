package io.colseal.mybatis;

import io.colseal.Colseal;
import io.colseal.exception.ErrorCode;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Colseal instance a type handler is bound to, and what the handler made from it (a cipher or
 * an indexer). Bound once, by {@link ColsealMyBatis#configure}; thread safe.
 */
final class HandlerBinding<X> {
  private final Class<?> handler;
  private final String table;
  private final String column;
  private volatile @Nullable Bound<X> bound;

  private record Bound<X>(Colseal colseal, X made) {}

  HandlerBinding(Class<?> handler, String table, String column) {
    this.handler = handler;
    this.table = table;
    this.column = column;
  }

  /** Whether it is bound; with {@code colseal} non-null, whether to that instance. */
  boolean isBound(@Nullable Colseal colseal) {
    Bound<X> b = bound;
    return b != null && (colseal == null || b.colseal() == colseal);
  }

  /** Binds to {@code colseal}, making what the handler uses; again with the same instance is a no-op. */
  synchronized void bind(Colseal colseal, Function<Colseal, X> make) {
    Bound<X> b = bound;
    if (b != null) {
      if (b.colseal() != colseal) {
        throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "MyBatis type handler " + handler.getName()
            + " (" + table + '.' + column + ") is already bound to another Colseal instance: create one instance per"
            + " Configuration (ColsealMyBatis.configure does)");
      }
      return;
    }
    bound = new Bound<>(colseal, make.apply(colseal));
  }

  /** What the handler made at binding; throws naming the handler, table and column if unbound. */
  X get() {
    Bound<X> b = bound;
    if (b == null) {
      throw Declarations.unbound(handler, table, column);
    }
    return b.made();
  }
}
