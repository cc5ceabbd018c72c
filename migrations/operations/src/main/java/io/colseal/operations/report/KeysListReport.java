package io.colseal.operations.report;

import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.internal.TextTable;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code colseal keys list}: every key version per table, with what is due ({@code flags}) and,
 * with {@code --count-rows}, the rows and the values on each version and the values not encrypted.
 *
 * @param rowsCounted whether {@code --count-rows} was given; otherwise the row fields are null
 * @param unreadable versions whose row names an algorithm or state this release does not know
 */
public record KeysListReport(boolean rowsCounted, List<TableKeys> tables, List<UnreadableKeyVersion> unreadable)
    implements CommandReport {
  public KeysListReport {
    tables = List.copyOf(tables);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * One table.
   *
   * @param notEncrypted non-NULL values of its registered columns that are not colseal values (null
   *     without {@code --count-rows})
   */
  public record TableKeys(String table, @Nullable Long notEncrypted, List<KeyEntry> versions) {
    public TableKeys {
      versions = List.copyOf(versions);
    }
  }

  /**
   * One key version.
   *
   * @param age time since creation, ISO-8601
   * @param ageText the same for people: {@code 3d 4h}
   * @param useEndsAt end of the originator-usage period as recorded with the key, null when not
   *     recorded (a version created before key table V0_7)
   * @param validUntil end of the validity period as recorded with the key, null when not recorded
   * @param flags what is due, against the recorded ends: {@code ORIGINATOR_PERIOD_EXCEEDED}, {@code
   *     VALIDITY_PERIOD_EXCEEDED}, {@code USAGE_NEAR_CAP}, {@code CRYPTOPERIOD_NOT_RECORDED}
   * @param rows rows with at least one registered column under this version (null without {@code
   *     --count-rows}); a row half re-encrypted counts under each version it names
   * @param values values (one per registered column and row) under this version, summed over the
   *     table's registered columns: N rows of 3 encrypted columns give 3N (null without {@code
   *     --count-rows})
   */
  public record KeyEntry(
      int version,
      String state,
      String algorithm,
      String kekProvider,
      String kekId,
      String keyCheckValue,
      Instant createdAt,
      @Nullable Instant activatedAt,
      @Nullable Instant retiredAt,
      @Nullable Instant destroyedAt,
      @Nullable Instant useEndsAt,
      @Nullable Instant validUntil,
      String age,
      String ageText,
      long encryptionsReserved,
      List<String> flags,
      @Nullable Long rows,
      @Nullable Long values) {
    public KeyEntry {
      flags = List.copyOf(flags);
    }
  }

  @Override
  public String toText() {
    if (tables.isEmpty()) {
      return "No data keys.\n" + unreadableText(unreadable);
    }
    TextTable t = rowsCounted
        ? new TextTable("TABLE", "VERSION", "STATE", "KEK", "KCV", "CREATED", "AGE", "VALID UNTIL", "RESERVED", "ROWS",
            "VALUES", "FLAGS")
        : new TextTable("TABLE", "VERSION", "STATE", "KEK", "KCV", "CREATED", "AGE", "VALID UNTIL", "RESERVED", "FLAGS");
    StringBuilder notes = new StringBuilder();
    for (TableKeys table : tables) {
      for (KeyEntry v : table.versions()) {
        String kek = v.kekProvider() + ":" + v.kekId();
        String flags = v.flags().isEmpty() ? "" : String.join(",", v.flags());
        if (rowsCounted) {
          t.row(table.table(), "v" + v.version(), v.state(), kek, v.keyCheckValue(), v.createdAt(), v.ageText(),
              validUntil(v), v.encryptionsReserved(), v.rows(), v.values(), flags);
        } else {
          t.row(table.table(), "v" + v.version(), v.state(), kek, v.keyCheckValue(), v.createdAt(), v.ageText(),
              validUntil(v), v.encryptionsReserved(), flags);
        }
      }
      if (table.versions().isEmpty()) {
        notes.append(table.table()).append(": no data key (colseal keys init --table ").append(table.table())
            .append(")\n");
      }
      if (table.notEncrypted() != null && table.notEncrypted() > 0) {
        notes.append(table.table()).append(": ").append(table.notEncrypted())
            .append(" values are not encrypted\n");
      }
    }
    notes.append(unreadableText(unreadable));
    return t.render() + (notes.length() == 0 ? "" : "\n" + notes);
  }

  /** The recorded validity end, "not recorded" for a version older than key table V0_7. */
  private static Object validUntil(KeyEntry v) {
    return v.validUntil() == null ? "not recorded" : v.validUntil();
  }

  static String unreadableText(List<UnreadableKeyVersion> unreadable) {
    StringBuilder sb = new StringBuilder();
    unreadable.forEach(u -> sb.append(u.message()).append('\n'));
    return sb.toString();
  }
}
