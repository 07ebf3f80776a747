package com.privacycasemanager.engine;

import com.privacycasemanager.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * HTTP basic authentication of staff and systems against Camunda's identity service, for the
 * project's own authenticated endpoints. A successful check is remembered for a short time under a
 * SHA-256 of the header, so the preference check (the ad systems' hot path) does not pay a
 * password hash per call; a failed one is never remembered.
 */
@Component
public class StaffAuthenticator {

  private static final Duration REMEMBER = Duration.ofSeconds(60);
  private static final int MAX_REMEMBERED = 10_000;

  private final IdentityService identity;
  private final Map<String, Principal> remembered = new ConcurrentHashMap<>();

  public StaffAuthenticator(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  /** An authenticated user and their groups. */
  public record Principal(String userId, List<String> groups, long expiresAtMillis) {
    public boolean inAnyGroup(Collection<String> wanted) {
      return groups.stream().anyMatch(wanted::contains);
    }
  }

  public Optional<Principal> authenticate(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String cacheKey = com.privacycasemanager.request.Secrets.sha256Hex(header);
    long now = System.currentTimeMillis();
    Principal cached = remembered.get(cacheKey);
    if (cached != null && cached.expiresAtMillis() > now) {
      return Optional.of(cached);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String user = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (!identity.checkPassword(user, password)) {
      return Optional.empty();
    }
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    Principal principal = new Principal(user, groups, now + REMEMBER.toMillis());
    if (remembered.size() > MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(cacheKey, principal);
    return Optional.of(principal);
  }

  /**
   * What a project endpoint answers a caller who may not use it: 401 with a challenge without
   * valid credentials, 403 outside {@code groups} (both problem+json); empty when the caller may
   * go on.
   */
  public Optional<ResponseEntity<Object>> refusal(
      HttpServletRequest request, Set<String> groups, String forbiddenDetail) {
    var principal = authenticate(request);
    if (principal.isEmpty()) {
      return Optional.of(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header("WWW-Authenticate", "Basic realm=\"privacy-case-manager\"")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemHandler.problem(
              HttpStatus.UNAUTHORIZED, "unauthorized", "HTTP basic credentials are required.", null)));
    }
    if (!principal.get().inAnyGroup(groups)) {
      return Optional.of(ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemHandler.problem(
              HttpStatus.FORBIDDEN, "forbidden", forbiddenDetail, null)));
    }
    return Optional.empty();
  }

  /**
   * For a staff page: the signed-in caller in one of {@code groups}; otherwise empty, with the
   * response set to 401 (with a challenge) or 403 and the {@code staff/message} page's text in the
   * model.
   */
  public Optional<Principal> signIn(
      HttpServletRequest request, HttpServletResponse response, Model model, Set<String> groups, String forbiddenMessage) {
    var principal = authenticate(request);
    if (principal.isEmpty()) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Privacy Case Manager staff\"");
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("message", "Sign in with your Camunda user.");
      return Optional.empty();
    }
    if (!principal.get().inAnyGroup(groups)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      model.addAttribute("message", forbiddenMessage);
      return Optional.empty();
    }
    return principal;
  }
}
