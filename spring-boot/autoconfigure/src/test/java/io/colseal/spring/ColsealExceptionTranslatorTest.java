package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.ColsealQueryException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.TransientDataAccessException;

/** The mapping table of {@link ColsealExceptionTranslator}, every error code included. */
class ColsealExceptionTranslatorTest {
  private static final Map<ErrorCode, Class<? extends DataAccessException>> EXPECTED = Map.ofEntries(
      Map.entry(ErrorCode.QUERY_PLAN_STALE, TransientDataAccessException.class),
      Map.entry(ErrorCode.KMS_UNAVAILABLE, TransientDataAccessException.class),
      Map.entry(ErrorCode.QUERY_REJECTED, InvalidDataAccessApiUsageException.class),
      Map.entry(ErrorCode.MAPPING_INVALID, InvalidDataAccessApiUsageException.class),
      Map.entry(ErrorCode.CONFIG_INVALID, InvalidDataAccessApiUsageException.class),
      Map.entry(ErrorCode.DECRYPT_FAILED, DataRetrievalFailureException.class),
      Map.entry(ErrorCode.ENCRYPT_FAILED, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_NOT_FOUND, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_DISABLED, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_DESTROYED, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_TABLE_ERROR, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_IN_USE, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KEY_UNSUPPORTED, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.KMS_REJECTED, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.JOB_INCOMPLETE, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.AUDIT_FINDINGS, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.REPORT_INVALID, NonTransientDataAccessResourceException.class),
      Map.entry(ErrorCode.REPORT_UNSIGNED, NonTransientDataAccessResourceException.class));

  private final ColsealExceptionTranslator translator = new ColsealExceptionTranslator();

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void translate_wrappedByJpa_keepsTheErrorCodeInTheExpectedType(ErrorCode code) {
    ColsealException colseal = new ColsealException(code, "table customers, column email, key version 2");
    RuntimeException thrown = new RollbackException("commit failed", new PersistenceException("flush", colseal));

    DataAccessException translated = translator.translateExceptionIfPossible(thrown);

    assertInstanceOf(EXPECTED.get(code), translated, code.name());
    assertEquals(code, ((ColsealDataAccess) translated).getErrorCode());
    assertSame(colseal, translated.getCause());
  }

  @Test
  void translate_queryPlanStale_isTransientForRetry() {
    DataAccessException translated = translator.translateExceptionIfPossible(
        new IllegalArgumentException(new ColsealQueryException(ErrorCode.QUERY_PLAN_STALE, "planned for v1..v2")));
    assertInstanceOf(ColsealTransientDataAccessException.class, translated);
  }

  @Test
  void translate_noColsealCause_returnsNull() {
    assertNull(translator.translateExceptionIfPossible(new PersistenceException("constraint", new RuntimeException())));
  }

  @Test
  void translate_alreadyTranslated_returnsNull() {
    RuntimeException done = new ColsealKeyAccessException(new ColsealException(ErrorCode.KEY_DISABLED, "v1"));
    assertNull(translator.translateExceptionIfPossible(done));
  }

  @Test
  void translate_causeCycle_ends() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertNull(translator.translateExceptionIfPossible(a));
  }
}
