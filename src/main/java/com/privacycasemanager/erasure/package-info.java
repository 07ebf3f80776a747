/**
 * Right to delete (CCPA §1798.105, 11 CCR §7022): the preview of what a deletion erases and
 * retains under the data map's exceptions, erasure system by system, the receipt, and the
 * suppression record ({@link com.privacycasemanager.erasure.DeletionKind}). Erasing one column
 * ({@link com.privacycasemanager.datamap.ColumnErasure}) lives with the data map, as a correction
 * replaced by deletion (§7023(e)) uses it too.
 */
package com.privacycasemanager.erasure;
