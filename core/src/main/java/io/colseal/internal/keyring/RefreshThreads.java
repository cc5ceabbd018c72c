package io.colseal.internal.keyring;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads that refresh cached data keys in the background: at most {@link #THREADS} daemon
 * threads named {@code colseal-key-refresh-N}, started on first use, ended after a minute idle and
 * on {@link #close()}. Two, so that one KMS call hanging until its timeout does not hold up every
 * other table's refresh. Thread safe.
 */
final class RefreshThreads implements AutoCloseable {
  static final int THREADS = 2;
  private static final AtomicInteger NUMBER = new AtomicInteger();

  private @Nullable ThreadPoolExecutor executor;
  private boolean closed;

  /** Runs {@code task} on a refresh thread; false if closed. */
  boolean submit(Runnable task) {
    ThreadPoolExecutor e = executor();
    if (e == null) {
      return false;
    }
    try {
      e.execute(task);
      return true;
    } catch (RejectedExecutionException rejected) {
      return false; // closed meanwhile
    }
  }

  private synchronized @Nullable ThreadPoolExecutor executor() {
    if (closed) {
      return null;
    }
    if (executor == null) {
      ThreadPoolExecutor e = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "colseal-key-refresh-" + NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      e.allowCoreThreadTimeOut(true);
      executor = e;
    }
    return executor;
  }

  /** Stops the threads; a refresh in a KMS call is interrupted and its result dropped. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
