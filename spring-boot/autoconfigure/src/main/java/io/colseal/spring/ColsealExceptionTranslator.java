package io.colseal.spring;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates colseal's errors into Spring's {@link DataAccessException}s that keep colseal's {@link
 * ErrorCode} ({@link ColsealDataAccess#getErrorCode()}). The colseal exception is found anywhere in
 * the cause chain, as Hibernate and JPA wrap it ({@code PersistenceException}, {@code
 * RollbackException}, {@code IllegalArgumentException}).
 *
 * <table>
 *   <caption>Error codes and the exceptions they become</caption>
 *   <tr><th>colseal error code</th><th>Spring exception</th></tr>
 *   <tr><td>{@code QUERY_PLAN_STALE}, {@code KMS_UNAVAILABLE}</td>
 *       <td>{@link ColsealTransientDataAccessException} (a {@code TransientDataAccessException})</td></tr>
 *   <tr><td>{@code QUERY_REJECTED}, {@code MAPPING_INVALID}, {@code CONFIG_INVALID}</td>
 *       <td>{@link ColsealInvalidUsageException}</td></tr>
 *   <tr><td>{@code DECRYPT_FAILED}</td><td>{@link ColsealDataRetrievalException}</td></tr>
 *   <tr><td>every other code</td><td>{@link ColsealKeyAccessException}</td></tr>
 * </table>
 *
 * <p>The auto-configuration registers one as a bean, ahead of every other translator, so Spring
 * Data repositories and {@code @Repository} beans throw these; the transaction manager's JPA
 * dialect uses it too, for errors at commit. Code outside both (a {@code JdbcTemplate} callback
 * using a {@code ColumnCipher}) calls {@link #translate(RuntimeException)} itself. Stateless and
 * thread safe.
 */
public final class ColsealExceptionTranslator implements PersistenceExceptionTranslator, Ordered {
  /** Bounds the walk down a cause chain; real chains are a few links long. */
  private static final int MAX_DEPTH = 32;

  @Override
  public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
    return translate(ex);
  }

  /**
   * The Spring exception for the colseal error in {@code ex}'s cause chain, or null if there is
   * none, or {@code ex} is already translated.
   */
  public static @Nullable DataAccessException translate(RuntimeException ex) {
    if (ex instanceof ColsealDataAccess) {
      return null;
    }
    ColsealException colseal = find(ex);
    return colseal == null ? null : toDataAccess(colseal);
  }

  /** The Spring exception for {@code e}, by its error code; see the class's table. */
  public static DataAccessException toDataAccess(ColsealException e) {
    return switch (e.code()) {
      case QUERY_PLAN_STALE, KMS_UNAVAILABLE -> new ColsealTransientDataAccessException(e);
      case QUERY_REJECTED, MAPPING_INVALID, CONFIG_INVALID -> new ColsealInvalidUsageException(e);
      case DECRYPT_FAILED -> new ColsealDataRetrievalException(e);
      default -> new ColsealKeyAccessException(e);
    };
  }

  private static @Nullable ColsealException find(Throwable ex) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable t = ex;
    for (int depth = 0; t != null && depth < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null; depth++) {
      if (t instanceof ColsealException c) {
        return c;
      }
      t = t.getCause();
    }
    return null;
  }

  /** First among translators: JPA's own would otherwise turn the wrapper into a generic exception. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
