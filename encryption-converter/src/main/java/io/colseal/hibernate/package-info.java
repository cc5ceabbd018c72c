/**
 * Hibernate ORM integration: the attribute binders, per-column converters, bootstrap checks, query
 * translation and the inventory of encrypted columns.
 *
 * <p>One jar for Hibernate ORM 6.6, 7.2 and 7.4 (the lines Spring Boot 3.5, 4.0 and 4.1 manage). It is
 * compiled against 7.4 and uses only Hibernate API whose binary form is the same on all three; what
 * differs lives in the internal {@code HibernateLine}, whose adapter for the running line is chosen
 * from {@link org.hibernate.Version} when colseal first runs in a bootstrap. Any other line stops
 * that bootstrap with a {@link io.colseal.exception.ColsealConfigException} naming the version found
 * and the supported lines. An adapter rather than one jar per line, so that an application adds
 * one dependency and uses the Hibernate its build (or Spring Boot) already chose.
 */
@NullMarked
package io.colseal.hibernate;

import org.jspecify.annotations.NullMarked;
