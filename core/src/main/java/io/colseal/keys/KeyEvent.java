package io.colseal.keys;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change a key command made to a data key version, as recorded in {@code colseal_key_event}
 * (key table migration V0_8) in the transaction of the change. Safe to log and to put in reports: it
 * holds ids, times and names, never key material.
 *
 * @param table normalised application table name
 * @param version key version
 * @param event {@link #REWRAP}, {@link #RETIRE}, {@link #REACTIVATE}, {@link #DESTROY} or {@link
 *     #CRYPTOPERIOD}; a newer
 *     release may record others, shown as they are
 * @param at when the change was committed (the writer's clock)
 * @param actor who made it: OS user, database user and process ({@code os alice, db colseal_ops,
 *     colseal@4711@bastion}); never a credential
 * @param fromKekId rewraps: the KEK that wrapped the version before, else null
 * @param toKekId rewraps: the KEK that wraps it since, else null
 * @param detail destructions: the method; forced state changes say so; cryptoperiod changes: the old
 *     and new ends, the periods and the reason; else null
 */
public record KeyEvent(
    String table,
    int version,
    String event,
    Instant at,
    String actor,
    @Nullable String fromKekId,
    @Nullable String toKekId,
    @Nullable String detail) {
  public static final String REWRAP = "REWRAP";
  public static final String RETIRE = "RETIRE";
  public static final String REACTIVATE = "REACTIVATE";
  public static final String DESTROY = "DESTROY";
  /** {@code colseal keys set-cryptoperiod} changed the recorded ends of a version's cryptoperiod. */
  public static final String CRYPTOPERIOD = "CRYPTOPERIOD";

  /**
   * How {@code colseal keys destroy} destroys a data key version, as recorded in {@link #detail()}:
   * the one stored copy colseal keeps is erased.
   */
  public static final String DESTROY_METHOD = "wrapped key erased from colseal_data_key (set to NULL); copies in "
      + "backups of the key table stay decryptable while their KEK exists";

  public KeyEvent {
    requireNonNull(table, "table");
    requireNonNull(event, "event");
    requireNonNull(at, "at");
    requireNonNull(actor, "actor");
  }
}
