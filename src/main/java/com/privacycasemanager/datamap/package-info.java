/**
 * The data map: every system the business keeps personal information in, how its rows reach a
 * consumer, and what each column is under the CCPA. Loaded from YAML at {@code
 * privacy.data-map.location} and checked against the live databases at startup; the privacy
 * notice, collection for requests to know, verification data points and (later) erasure all read
 * it. The embedded default ships a generated demo business ({@link DemoBusiness}).
 */
package com.privacycasemanager.datamap;
