/**
 * Camunda configuration: the engine plugin that registers cases and keeps personal data out of
 * history, basic authentication on {@code /engine-rest} and on the actuator (all but health), staff
 * users, groups, authorizations and Tasklist filters, and the guard against demo passwords outside
 * the embedded default.
 */
package com.privacycasemanager.engine;
