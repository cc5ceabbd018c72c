package io.colseal.kms;

import java.util.Locale;

/** How a call to the {@link KmsProvider} ended, as colseal counts it. */
public enum KmsCallOutcome {
  /** The provider returned. */
  SUCCESS,
  /**
   * The provider threw a retryable {@link io.colseal.exception.KmsException} ({@code KMS_UNAVAILABLE}):
   * the KMS could not be reached, timed out or throttled.
   */
  UNAVAILABLE,
  /**
   * Every other failure: the KMS refused ({@code KMS_REJECTED}), or the provider threw something
   * other than a {@link io.colseal.exception.KmsException}.
   */
  FAILED;

  /** The name in lower case ({@code success}), as a meter tag value. */
  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
