package io.colseal.keys;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A process that encrypted values, as it reports itself in {@code colseal_key_writer} (key table
 * migration V0_9). Only that process updates its row. Safe to log: ids, host and process id only.
 *
 * @param instanceId random per process start
 * @param process host and process id, for people ({@code colseal@4711@app-3})
 * @param startedAt when its key ring started
 * @param lastReportAt its latest flush: every encryption it performed before then is in {@link
 *     KeyUsage} records
 * @param stoppedAt when it closed cleanly, after its last flush; null while running, or if it was
 *     killed (then encryptions after {@code lastReportAt} are not recorded)
 * @param refreshInterval how long it may keep encrypting under a version after that version left
 *     ACTIVE ({@code colseal.keys.refresh-interval})
 */
public record KeyWriter(String instanceId, String process, Instant startedAt, Instant lastReportAt,
    @Nullable Instant stoppedAt, Duration refreshInterval) {}
