package io.colseal.internal.keyring;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One piece of work at a time, shared: the first thread to {@link #run} does it, and threads that
 * arrive meanwhile wait for its result (or its exception) instead of doing it again. No lock is
 * held while the work runs, so the work may call the KEK provider or the database. Thread safe.
 *
 * @param <T> the result
 */
final class SingleFlight<T> {
  private final AtomicReference<@Nullable CompletableFuture<T>> flight = new AtomicReference<>();

  /** Whether a thread is running the work now. */
  boolean inFlight() {
    return flight.get() != null;
  }

  /**
   * Runs {@code work} in this thread unless another thread is running it already, in which case
   * returns that run's result.
   */
  T run(Supplier<T> work) {
    while (true) {
      CompletableFuture<T> pending = flight.get();
      if (pending != null) {
        return await(pending);
      }
      CompletableFuture<T> mine = new CompletableFuture<>();
      if (!flight.compareAndSet(null, mine)) {
        continue;
      }
      try {
        T result = work.get();
        mine.complete(result);
        return result;
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
        throw e;
      } finally {
        flight.set(null);
      }
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
