package io.colseal.keys;

import java.time.Instant;

/**
 * Encryptions one process performed under one data key version in one period, as it flushed them
 * to {@code colseal_key_usage} (key table migration V0_9). Every encryption counted here happened
 * no earlier than {@code periodStart} and no later than {@code periodEnd}, both on the writer's
 * clock. Values whose transaction was rolled back afterwards are counted too: the key was used.
 *
 * @param table normalised application table name
 * @param version key version
 * @param instanceId the writing process ({@link KeyWriter#instanceId()})
 * @param periodStart no encryption of this record happened earlier (the writer's coarse clock, which
 *     may lag by up to 50 ms and so only makes the period longer)
 * @param periodEnd when the process flushed the count; no encryption of this record happened later
 * @param encryptions how many values were encrypted
 */
public record KeyUsage(String table, int version, String instanceId, Instant periodStart, Instant periodEnd,
    long encryptions) {}
