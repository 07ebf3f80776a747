/**
 * The demo office of the embedded default: on the first start of an empty database, {@link
 * com.privacycasemanager.demo.DemoCases} opens a handful of cases from the demo shop's customers
 * and drives them, through the real intake, processes, timers and staff decisions, into the
 * states a privacy office meets every day. Off outside the embedded default
 * ({@code privacy.demo-cases.enabled}).
 */
package com.privacycasemanager.demo;
