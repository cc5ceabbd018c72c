package io.colseal.hibernate;

import io.colseal.exception.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The queries colseal refused to run in one SessionFactory since it was built, by error code: each
 * {@link ColsealQueryException} colseal's query translation or parameter binding threw ({@code
 * ORDER BY}, {@code LIKE}, {@code BETWEEN} or an order comparison on an encrypted attribute, a
 * literal, equality on a randomized attribute; {@link ErrorCode#QUERY_REJECTED}), and the executions
 * stopped because their cached plan covered too few key versions ({@link
 * ErrorCode#QUERY_PLAN_STALE}). A query refused when it is created ({@code createQuery}, Spring
 * Data's check of a {@code @Query} method) counts once, and again each time it is created again;
 * one refused at execution counts at each execution. A rejected named query counts once as the
 * SessionFactory starts (and the start fails).
 *
 * <p>From {@link ColsealHibernate#rejectedQueries}. A live view, the same object for the life of
 * the SessionFactory, so a meter may hold it (a Micrometer {@code FunctionCounter} per code of
 * {@link #codes()}). Counting happens on the refusal path only. Thread safe.
 */
public final class QueryRejections {
  private static final List<ErrorCode> CODES = List.of(ErrorCode.QUERY_REJECTED, ErrorCode.QUERY_PLAN_STALE);

  private final Map<ErrorCode, LongAdder> counts = new ConcurrentHashMap<>();

  QueryRejections() {
    for (ErrorCode code : CODES) {
      counts.put(code, new LongAdder());
    }
  }

  /** The codes a refusal has: {@code QUERY_REJECTED} and {@code QUERY_PLAN_STALE}. */
  public List<ErrorCode> codes() {
    return CODES;
  }

  /** Refusals with {@code code}; 0 for a code no refusal has. */
  public long count(ErrorCode code) {
    LongAdder n = counts.get(code);
    return n == null ? 0 : n.sum();
  }

  /** All refusals. */
  public long total() {
    long sum = 0;
    for (LongAdder n : counts.values()) {
      sum += n.sum();
    }
    return sum;
  }

  /** Counts {@code e} and returns it, for {@code throw rejections.counted(e)}. */
  ColsealQueryException counted(ColsealQueryException e) {
    counts.computeIfAbsent(e.code(), c -> new LongAdder()).increment();
    return e;
  }

  @Override
  public String toString() {
    return "QueryRejections[" + count(ErrorCode.QUERY_REJECTED) + " rejected, " + count(ErrorCode.QUERY_PLAN_STALE)
        + " stale plans]";
  }
}
