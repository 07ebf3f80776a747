/**
 * The HTTP error model every surface shares: RFC 9457 {@code application/problem+json} for the
 * API ({@link com.privacycasemanager.web.ProblemHandler}), the exceptions the other packages throw
 * to produce one ({@link com.privacycasemanager.web.InvalidRequestException}, {@link
 * com.privacycasemanager.web.RequestNotFoundException}), Tomcat's own errors in the same shape
 * ({@link com.privacycasemanager.web.TransportErrors}), and a database outage as a 503.
 */
package com.privacycasemanager.web;
