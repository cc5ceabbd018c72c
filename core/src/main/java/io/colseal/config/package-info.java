/**
 * How settings are declared and read: {@link io.colseal.config.Setting} (name, type, default,
 * secret flag, parser) and {@link io.colseal.config.Settings}, the resolved view a KEK provider
 * builds itself from; {@link io.colseal.config.Redaction} masks credentials in anything printed.
 */
@NullMarked
package io.colseal.config;

import org.jspecify.annotations.NullMarked;
