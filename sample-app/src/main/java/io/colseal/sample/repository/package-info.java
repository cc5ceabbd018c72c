/** Spring Data JPA repositories of the sample's entities, with searches on encrypted columns. */
@NullMarked
package io.colseal.sample.repository;

import org.jspecify.annotations.NullMarked;
