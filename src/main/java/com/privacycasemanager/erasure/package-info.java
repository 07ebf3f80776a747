/**
 * Right to delete (CCPA §1798.105, 11 CCR §7022): the preview of what a deletion erases and
 * retains under the data map's exceptions, erasure system by system, the receipt, and the
 * suppression record. {@link com.privacycasemanager.erasure.ColumnErasure} is also what a
 * correction replaced by deletion (§7023(e)) uses.
 */
package com.privacycasemanager.erasure;
