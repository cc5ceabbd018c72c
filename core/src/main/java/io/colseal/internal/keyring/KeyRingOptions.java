package io.colseal.internal.keyring;

import java.time.Clock;
import java.time.Duration;

/**
 * What the key ring is configured with, taken from the configuration once at start.
 *
 * @param cacheTtl how long an unwrapped key is kept ({@code colseal.keys.cache-ttl}); 0 for no caching
 * @param refreshInterval how often a table's ACTIVE version is re-read
 * @param maxStale how long a cached key stays in use past its TTL while it cannot be refreshed
 *     ({@code colseal.keys.max-stale})
 * @param autoCreate whether a table without an ACTIVE key gets one on first use
 * @param usageCap encryptions per version before it is rotated
 * @param usageBlock encryptions reserved in the key table at a time
 * @param originatorPeriod how long a version may encrypt after activation
 * @param rotateOverdueAtStartup whether {@code ensureActiveKeys} rotates versions past that period
 */
public record KeyRingOptions(Clock clock, Duration cacheTtl, Duration refreshInterval, Duration maxStale,
    boolean autoCreate, long usageCap, long usageBlock, Duration originatorPeriod, boolean rotateOverdueAtStartup) {}
