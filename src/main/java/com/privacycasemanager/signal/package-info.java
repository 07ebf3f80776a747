/**
 * Opt-out preference signals at browser scale (Global Privacy Control, 11 CCR §7025): the batch API
 * through which the business's web servers forward what its pages saw ({@link
 * com.privacycasemanager.signal.SignalsController}), and the batches that tell the recipients —
 * one case of type {@code OPT_OUT_SIGNALS} per batch window, one signed webhook per recipient
 * carrying the batch, tracked to acknowledgement under the 15-business-day clock. A browser is a
 * record in the preference store ({@code preferencestore.SignalLog}), never a case of its own.
 */
package com.privacycasemanager.signal;
