/**
 * The case record (system of record for every request), request types and ids, the registration
 * of cases however they arrive (the intake API, the pages, or a process started through {@code
 * /engine-rest}), and the extension point every right implements ({@link
 * com.privacycasemanager.request.RequestKind}). Depends on no other package of the application.
 */
package com.privacycasemanager.request;
