package io.colseal.operations.internal.job;

import java.util.concurrent.atomic.LongAdder;

/** The totals of one process's run, added to by every worker thread. */
public final class JobCounters {
  final LongAdder rowsExamined = new LongAdder();
  final LongAdder reencrypted = new LongAdder();
  final LongAdder encrypted = new LongAdder();
  final LongAdder imported = new LongAdder();
  final LongAdder decrypted = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder conflicts = new LongAdder();
  final LongAdder failures = new LongAdder();

  public long rowsExamined() {
    return rowsExamined.sum();
  }

  public long reencrypted() {
    return reencrypted.sum();
  }

  public long encrypted() {
    return encrypted.sum();
  }

  /** Legacy values (Fernet, Jasypt) opened and encrypted. */
  public long imported() {
    return imported.sum();
  }

  public long decrypted() {
    return decrypted.sum();
  }

  public long skipped() {
    return skipped.sum();
  }

  public long conflicts() {
    return conflicts.sum();
  }

  public long failures() {
    return failures.sum();
  }
}
