/**
 * The data map: every system the business keeps personal information in, how its rows reach a
 * consumer, and what each column is under the CCPA. Loaded from YAML at {@code
 * privacy.data-map.location} and checked against the live databases at startup; the privacy
 * notice, verification data points and every right read it. Beside it what walks it: the
 * consumer graph walk ({@link Collector}: every row reachable from a consumer, by plain value or
 * keyed hash), column erasure, and the recipients the map names ({@link RecipientsRegistry}).
 * The embedded default ships a generated demo business ({@link DemoBusiness}).
 */
package com.privacycasemanager.datamap;
