package io.colseal.kms;

import java.util.Locale;

/**
 * The calls a {@link KmsProvider} answers, as colseal counts and times them ({@link
 * io.colseal.ColsealStats#kmsCalls()}, {@link KmsCallObserver}).
 */
public enum KmsOperation {
  /** {@link KmsProvider#generateDataKey}: a new data key, when a table gets its first key or is rotated. */
  GENERATE_DATA_KEY,
  /** {@link KmsProvider#unwrap}: a wrapped data key unwrapped, once per key version and cache period. */
  UNWRAP,
  /** {@link KmsProvider#wrap}: an existing data key wrapped under a KEK. */
  WRAP,
  /** {@link KmsProvider#rewrap}: a wrapped data key moved to another KEK, as one call. */
  REWRAP,
  /** {@link KmsProvider#describeKek}: the state of a KEK, for the audit report. */
  DESCRIBE_KEK;

  /** The name in lower case ({@code generate_data_key}), as a meter tag value. */
  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
