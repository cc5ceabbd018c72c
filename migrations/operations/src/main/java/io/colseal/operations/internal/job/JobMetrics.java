package io.colseal.operations.internal.job;

/**
 * Where the job reports its rows and batch times besides its events: Micrometer's global registry
 * when Micrometer is on the classpath ({@code MicrometerJobMetrics}, loaded only then), else nothing.
 */
public interface JobMetrics {
  JobMetrics NONE = new JobMetrics() {
    @Override
    public void values(String outcome, long count) {}

    @Override
    public void batch(long nanos) {}
  };

  /** {@code count} values with {@code outcome}: reencrypted, encrypted, decrypted, skipped, conflict, failure. */
  void values(String outcome, long count);

  /** One committed batch took {@code nanos}. */
  void batch(long nanos);

  /** Micrometer's global registry if Micrometer is present, else {@link #NONE}. */
  static JobMetrics detect() {
    try {
      Class.forName("io.micrometer.core.instrument.Metrics", false, JobMetrics.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return NONE;
    }
    try {
      // By name, so that this class never links against Micrometer itself.
      return (JobMetrics) Class.forName("io.colseal.operations.internal.job.MicrometerJobMetrics")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return NONE;
    }
  }
}
