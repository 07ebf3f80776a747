/**
 * The rights to opt out of sale and sharing and to limit the use of sensitive information
 * ({@link com.privacycasemanager.preference.OptOutKind}, {@link
 * com.privacycasemanager.preference.LimitSensitiveKind}): their pages, the Global Privacy Control
 * signal, and the step that writes the refusal to the preference store ({@code preferencestore}).
 */
package com.privacycasemanager.preference;
