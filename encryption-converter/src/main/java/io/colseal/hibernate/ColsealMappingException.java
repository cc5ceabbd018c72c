package io.colseal.hibernate;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;

/**
 * An {@code @Encrypted} mapping that colseal cannot encrypt safely. Thrown while the Hibernate
 * SessionFactory is built, so a mistake never results in a column silently stored as plaintext.
 * The message names the entity, the attribute and what to change.
 */
public class ColsealMappingException extends ColsealConfigException {
  private static final long serialVersionUID = 1L;

  public ColsealMappingException(String message) {
    super(ErrorCode.MAPPING_INVALID, message);
  }
}
