package io.colseal.benchmarks.kms;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.function.Supplier;

/**
 * The harness's application tables, {@code kms_t01} to {@code kms_t10}: ten entities of one shape
 * ({@link HarnessRow}), each in its own table and so under its own data key. A run uses the first
 * {@code --tables} of them. Row {@code id} belongs to table {@code (id - 1) % tables}, so rows are
 * spread evenly and each process writes to every table.
 */
public final class HarnessTables {
  /** The most tables a run can use. */
  public static final int MAX = 10;

  /** One table: its number (1-based), SQL name, entity name, entity class and constructor. */
  public record HarnessTable(int number, String name, String entityName, Class<? extends HarnessRow> type,
      Supplier<? extends HarnessRow> factory) {
    HarnessRow newRow(long id) {
      return factory.get().fill(id, number);
    }
  }

  private static final List<HarnessTable> ALL =
      List.of(
          new HarnessTable(1, "kms_t01", "KmsT01", T01.class, T01::new),
          new HarnessTable(2, "kms_t02", "KmsT02", T02.class, T02::new),
          new HarnessTable(3, "kms_t03", "KmsT03", T03.class, T03::new),
          new HarnessTable(4, "kms_t04", "KmsT04", T04.class, T04::new),
          new HarnessTable(5, "kms_t05", "KmsT05", T05.class, T05::new),
          new HarnessTable(6, "kms_t06", "KmsT06", T06.class, T06::new),
          new HarnessTable(7, "kms_t07", "KmsT07", T07.class, T07::new),
          new HarnessTable(8, "kms_t08", "KmsT08", T08.class, T08::new),
          new HarnessTable(9, "kms_t09", "KmsT09", T09.class, T09::new),
          new HarnessTable(10, "kms_t10", "KmsT10", T10.class, T10::new));

  private HarnessTables() {}

  /** The first {@code count} tables. */
  public static List<HarnessTable> first(int count) {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("tables must be 1.." + MAX + ", got " + count);
    }
    return ALL.subList(0, count);
  }

  /** The index in {@link #first(int) first(tables)} of the table that holds row {@code id}. */
  public static int indexOf(long id, int tables) {
    return (int) ((id - 1) % tables);
  }

  /** How many of the rows {@code 1..rows} the table at {@code index} holds. */
  public static long rowsOf(int index, int tables, long rows) {
    return rows / tables + (index < rows % tables ? 1 : 0);
  }

  /**
   * PostgreSQL DDL of a table. Encrypted columns hold text envelopes, {@code "cs1:01:0000000001:"}
   * plus Base64 of nonce, ciphertext and tag: an n-character string needs {@code 18 + 4 * ceil((3n +
   * 28) / 3)} characters, a {@code LocalDate} 66.
   */
  static String createTable(HarnessTable t) {
    return "CREATE TABLE " + t.name() + " ("
        + "id BIGINT NOT NULL, "
        + "name VARCHAR(" + envelopeLength(HarnessRow.NAME_LENGTH) + ") NOT NULL, "
        + "email VARCHAR(" + envelopeLength(HarnessRow.EMAIL_LENGTH) + ") NOT NULL, "
        + "birth_date VARCHAR(66) NOT NULL, "
        + "CONSTRAINT " + t.name() + "_pk PRIMARY KEY (id))";
  }

  /** Characters of the text envelope of an n-character string (3 UTF-8 bytes per character at most). */
  static int envelopeLength(int characters) {
    return 18 + 4 * ((3 * characters + 28 + 2) / 3);
  }

  @Entity(name = "KmsT01")
  @Table(name = "kms_t01")
  public static class T01 extends HarnessRow {}

  @Entity(name = "KmsT02")
  @Table(name = "kms_t02")
  public static class T02 extends HarnessRow {}

  @Entity(name = "KmsT03")
  @Table(name = "kms_t03")
  public static class T03 extends HarnessRow {}

  @Entity(name = "KmsT04")
  @Table(name = "kms_t04")
  public static class T04 extends HarnessRow {}

  @Entity(name = "KmsT05")
  @Table(name = "kms_t05")
  public static class T05 extends HarnessRow {}

  @Entity(name = "KmsT06")
  @Table(name = "kms_t06")
  public static class T06 extends HarnessRow {}

  @Entity(name = "KmsT07")
  @Table(name = "kms_t07")
  public static class T07 extends HarnessRow {}

  @Entity(name = "KmsT08")
  @Table(name = "kms_t08")
  public static class T08 extends HarnessRow {}

  @Entity(name = "KmsT09")
  @Table(name = "kms_t09")
  public static class T09 extends HarnessRow {}

  @Entity(name = "KmsT10")
  @Table(name = "kms_t10")
  public static class T10 extends HarnessRow {}
}
