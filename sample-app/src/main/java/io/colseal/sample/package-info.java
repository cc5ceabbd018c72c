/**
 * The colseal sample application: {@link io.colseal.sample.Demo} writes customers with a card and a
 * bank account through Hibernate, reads them back, and shows what the database really holds.
 */
@NullMarked
package io.colseal.sample;

import org.jspecify.annotations.NullMarked;
