package io.colseal.mybatis;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ACTIVE envelope of the value last bound for one search parameter, shared by the parameters
 * it expands to (one per key version), so the value is encrypted once. Lives as long as the
 * statement's bound SQL, on one thread.
 */
final class SearchTerm {
  private @Nullable Object value;
  private @Nullable Object envelope;

  Object envelopeOf(Object v, Function<Object, @Nullable Object> encrypt) {
    Object e = envelope;
    if (e == null || value != v) {
      e = java.util.Objects.requireNonNull(encrypt.apply(v));
      value = v;
      envelope = e;
    }
    return e;
  }
}
