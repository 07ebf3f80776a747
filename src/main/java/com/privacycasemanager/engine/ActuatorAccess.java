package com.privacycasemanager.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's health endpoint (with the liveness and readiness probes) is open, for load
 * balancers and orchestrators; every other actuator endpoint (Prometheus, metrics, info, the index)
 * needs HTTP basic credentials of a user in {@code metrics}, {@code privacy-officers} or {@code
 * camunda-admin}: the metrics count cases by type and channel.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ActuatorAccess extends OncePerRequestFilter {

  static final Set<String> READERS = Set.of(Groups.METRICS, Groups.OFFICERS, Groups.ADMIN);
  private static final String FORBIDDEN = "The actuator's metrics are for the metrics group, privacy officers and admins.";

  private final StaffAuthenticator authenticator;
  private final ObjectMapper json;
  private final String basePath;

  public ActuatorAccess(
      StaffAuthenticator authenticator,
      ObjectMapper json,
      @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
    this.authenticator = authenticator;
    this.json = json;
    this.basePath = basePath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !under(normalised(request), basePath) && !under(raw(request), basePath);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Spring MVC matches the raw path, Tomcat normalises it: open only what both read as health
    String health = basePath + "/health";
    if (under(normalised(request), health) && under(raw(request), health)) {
      chain.doFilter(request, response);
      return;
    }
    var refusal = authenticator.refusal(request, READERS, FORBIDDEN);
    if (refusal.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    var answer = refusal.get();
    response.setStatus(answer.getStatusCode().value());
    answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
  }

  /** The decoded path without path parameters, {@code .} and {@code ..}, as Tomcat mapped it. */
  private static String normalised(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  private static String raw(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
