/**
 * The auto-configuration: how {@code colseal.*} settings are bound and handed to Hibernate, the
 * {@code Colseal} bean, Flyway, exception translation, health, metrics and MyBatis. Each Boot
 * line's moved types sit in their own classes, loaded only when present.
 *
 * <p><em>Not API; may change in any release.</em>
 */
@NullMarked
package io.colseal.spring.internal;

import org.jspecify.annotations.NullMarked;
