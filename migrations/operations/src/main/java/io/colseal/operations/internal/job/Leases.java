package io.colseal.operations.internal.job;

import java.time.Duration;

/** Partition leases of the re-encryption job: the bounds both the job and the audit rely on. */
public final class Leases {
  /**
   * The longest lease a job may take ({@code ReencryptionJob.Builder.lease}); {@code colseal audit}
   * calls a running job stale when nothing has changed for longer than this.
   */
  public static final Duration LONGEST = Duration.ofHours(1);

  private Leases() {}
}
