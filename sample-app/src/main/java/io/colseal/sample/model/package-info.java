/**
 * The sample's JPA entities: customers with a payment card and a bank account. Personal data is
 * {@link io.colseal.hibernate.Encrypted}; identifiers that are shown to people anyway stay in plaintext.
 */
@NullMarked
package io.colseal.sample.model;

import org.jspecify.annotations.NullMarked;
