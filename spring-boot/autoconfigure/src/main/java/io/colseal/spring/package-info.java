/**
 * colseal for Spring Boot: what application code touches. The exceptions colseal's errors are
 * translated to ({@link io.colseal.spring.ColsealDataAccess} and its four {@code
 * DataAccessException} classes) and the translator itself ({@link
 * io.colseal.spring.ColsealExceptionTranslator}), for code outside repositories. The
 * auto-configuration lives in {@code io.colseal.spring.internal}. See {@code
 * docs/guides/spring-boot.md}.
 */
@NullMarked
package io.colseal.spring;

import org.jspecify.annotations.NullMarked;
