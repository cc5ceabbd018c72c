/** Hibernate 7 integration: the attribute binder, per-column converters, bootstrap checks and the inventory of encrypted columns. */
@NullMarked
package io.colseal.hibernate;

import org.jspecify.annotations.NullMarked;
