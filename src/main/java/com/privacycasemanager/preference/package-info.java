/**
 * Consumer preferences: opt-out of sale and of sharing, limit of sensitive use. Changes are an
 * append-only log ({@code preference_event}) with a derived current state for the hot check path;
 * identifiers are keyed hashes. Also the Global Privacy Control signal and the preference pages.
 */
package com.privacycasemanager.preference;
