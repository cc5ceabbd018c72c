/** AES-GCM sealing, key check values and destroyable JCE keys. Not API; may change in any release. */
@NullMarked
package io.colseal.internal.crypto;

import org.jspecify.annotations.NullMarked;
