package io.colseal.operations.internal.job;

import io.colseal.operations.report.ReencryptionEvent;
import java.util.function.Consumer;

/**
 * Hands events to the listener one at a time (workers are threads), and adds a {@link
 * ReencryptionEvent.Progress} after a batch when the last one is at least a second old.
 */
final class EventSink implements Consumer<ReencryptionEvent> {
  private final Consumer<ReencryptionEvent> listener;
  private final long started = System.nanoTime();
  private long total;
  private long done;
  private long lastProgress = System.nanoTime();

  EventSink(Consumer<ReencryptionEvent> listener) {
    this.listener = listener;
  }

  synchronized void total(long rows) {
    total = rows;
  }

  @Override
  public synchronized void accept(ReencryptionEvent event) {
    listener.accept(event);
    if (event instanceof ReencryptionEvent.Batch b) {
      done += b.rows();
      long now = System.nanoTime();
      if (now - lastProgress >= 1_000_000_000L) {
        lastProgress = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        Long eta = rate > 0 ? (long) Math.ceil(Math.max(0, total - done) / rate) : null;
        listener.accept(new ReencryptionEvent.Progress(done, Math.max(total, done), Math.round(rate * 10) / 10.0, eta));
      }
    }
  }
}
