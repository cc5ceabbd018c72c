package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The unique violations each supported database reports when another instance created the same key
 * row or registered the same column first, as their drivers word them. KeyTableRaceIT provokes
 * them for real, but whether a race is lost in a given run is up to the scheduler; these are the
 * messages that run has seen, fixed here so that a change in the matching fails every time.
 */
class LostRaceMessagesTest {

  @Test
  void dataKey_eachDatabasesWording_isALostRace() {
    assertTrue(lostRace(DataKeyTable.LOST_RACE, "23505", 0,
        "ERROR: duplicate key value violates unique constraint \"colseal_data_key_pk\""));
    assertTrue(lostRace(DataKeyTable.LOST_RACE, "23505", 0,
        "ERROR: duplicate key value violates unique constraint \"colseal_data_key_one_active\""));
    assertTrue(lostRace(DataKeyTable.LOST_RACE, "23000", 1062,
        "(conn=12) Duplicate entry 'customers-1' for key 'PRIMARY'"));
    // H2 2.4 and 2.5 (Spring Boot 4.0, 4.1)
    assertTrue(lostRace(DataKeyTable.LOST_RACE, "23505", 23505,
        "Unique index or primary key violation: \"PRIMARY KEY ON PUBLIC.COLSEAL_DATA_KEY(TABLE_NAME, KEY_VERSION)"
            + " ( /* key:1 */ 'customers', 1)\"; SQL statement: INSERT INTO colseal_data_key ..."));
    // H2 2.3.232 (Spring Boot 3.5): the index has a generated name
    assertTrue(lostRace(DataKeyTable.LOST_RACE, "23505", 23505,
        "Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_67C ON PUBLIC.COLSEAL_DATA_KEY(TABLE_NAME"
            + " NULLS FIRST, KEY_VERSION NULLS FIRST) VALUES ( /* 1 */ 'customers', 1 )\"; SQL statement: ..."));
  }

  @Test
  void column_h2_2_3_generatedIndexName_isALostRace() {
    assertTrue(lostRace(ColumnRegistry.SAME_COLUMN, "23505", 23505,
        "Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_6 ON PUBLIC.COLSEAL_COLUMN(TABLE_NAME"
            + " NULLS FIRST, COLUMN_NAME NULLS FIRST) VALUES ( /* 1 */ 'race_b', 'c3' )\"; SQL statement: ..."));
  }

  @Test
  void otherTablesAndOtherErrors_areNot() {
    assertFalse(lostRace(DataKeyTable.LOST_RACE, "23505", 23505,
        "Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_6 ON PUBLIC.COLSEAL_COLUMN(TABLE_NAME)\""));
    assertFalse(lostRace(DataKeyTable.LOST_RACE, "23514", 0,
        "Check constraint violation: \"COLSEAL_DATA_KEY_STATE_CK\" ON PUBLIC.COLSEAL_DATA_KEY(STATE)"));
  }

  private static boolean lostRace(String[] names, String state, int code, String message) {
    return JdbcSupport.isUniqueViolationOf(new SQLException(message, state, code), names);
  }
}
