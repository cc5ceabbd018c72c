package io.colseal.hibernate.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Records every value bound to a {@link PreparedStatement} obtained through {@link #wrap(DataSource)}:
 * what the database actually receives, as opposed to what Hibernate's bind log says. Byte arrays are
 * recorded as their UTF-8 text, so a plaintext hidden in a {@code setBytes} call is found too.
 * Thread-safe.
 */
public final class BoundValues {
  private static final Set<String> SETTERS = Set.of("setString", "setNString", "setObject", "setBytes");
  private final List<String> values = new ArrayList<>();

  /** A DataSource whose connections' prepared statements report their bound values here. */
  public DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, (m, result) ->
        result instanceof Connection c ? proxy(Connection.class, c, this::statement) : result);
  }

  /** The values bound since the last {@link #clear()}, in order; {@code null}s left out. */
  public synchronized List<String> values() {
    return List.copyOf(values);
  }

  public synchronized void clear() {
    values.clear();
  }

  private Object statement(Method m, Object result) {
    return result instanceof PreparedStatement ps ? proxy(PreparedStatement.class, ps, (x, r) -> r) : result;
  }

  private synchronized void record(Object value) {
    values.add(value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value));
  }

  private interface AfterCall {
    Object apply(Method method, Object result);
  }

  private <T> T proxy(Class<T> type, T target, AfterCall after) {
    InvocationHandler handler = (p, method, args) -> {
      if (SETTERS.contains(method.getName()) && args != null && args.length >= 2 && args[1] != null) {
        record(args[1]);
      }
      try {
        return after.apply(method, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
