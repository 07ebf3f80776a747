/**
 * The case record (system of record for every request), request types and ids, and the
 * registration of cases however they arrive: the intake API, the pages, or a process started
 * through {@code /engine-rest}.
 */
package com.privacycasemanager.request;
