/**
 * The key ring's parts, each with one job: {@link io.colseal.internal.keyring.KeyLoader} turns a
 * key-table row into an unwrapped key, {@link io.colseal.internal.keyring.SlotCache} keeps unwrapped
 * keys for their TTL and refreshes them in the background ({@link
 * io.colseal.internal.keyring.RefreshThreads}), remembering versions the key table lacks ({@link
 * io.colseal.internal.keyring.UnknownVersions}), {@link io.colseal.internal.keyring.ActiveVersions} knows each table's ACTIVE
 * version (and creates and rotates keys), {@link io.colseal.internal.keyring.UsageBudget} counts
 * encryptions against the usage cap, and {@link io.colseal.internal.keyring.DataKeys} puts them
 * together for the ciphers. Not API; may change in any release.
 */
@NullMarked
package io.colseal.internal.keyring;

import org.jspecify.annotations.NullMarked;
