/** The KEK provider SPI: how data keys are generated, wrapped and unwrapped. */
@NullMarked
package io.colseal.kms;

import org.jspecify.annotations.NullMarked;
