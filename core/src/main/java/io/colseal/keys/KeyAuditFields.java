package io.colseal.keys;

import org.jspecify.annotations.Nullable;

/**
 * What the audit report reads from a key table row beyond {@link KeyVersion}.
 *
 * @param encryptionsAtRetirement {@code encryptions_reserved} when the version left ACTIVE by a
 *     rotation; null for the ACTIVE version and for rows older than colseal 0.4
 * @param environment {@code colseal.environment} of the process that created the version, or null
 * @param createdBy the process that created the version ({@code colseal@pid@host}), null when not
 *     recorded
 */
public record KeyAuditFields(
    String table, int version, @Nullable Long encryptionsAtRetirement, @Nullable String environment,
    @Nullable String createdBy) {}
