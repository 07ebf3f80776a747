package com.privacycasemanager.preference;

import com.privacycasemanager.intake.PublicRequestLimits;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.Preference;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Global Privacy Control (11 CCR §7025): a request to the privacy pages or the privacy API that
 * carries {@code Sec-GPC: 1} (exactly) is an opt-out of sale and sharing for its browser — known by
 * the first-party cookie {@value #COOKIE} — and for every consumer known to have used that
 * browser. The first signal from a browser is recorded as the browser's opt-out ({@link
 * PageSignalWriter}, source {@code PAGE}) and applies at once; no case is opened for
 * it: the recipients hear of it in the next batch of signals (package {@code signal}). Repeated
 * signals change nothing, and a later visit without the signal never opts anyone back in. Signals
 * the business's own pages see arrive through {@code POST /api/signals} instead.
 *
 * <p>For the pages it sets request attributes: {@value #DEVICE_ATTRIBUTE}, {@value
 * #SIGNAL_ATTRIBUTE} and {@value #PREFERENCES_ATTRIBUTE} (what applies to this browser).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class GlobalPrivacyControl extends OncePerRequestFilter {

  public static final String COOKIE = "pcm_device";
  public static final String DEVICE_ATTRIBUTE = "pcm.deviceId";
  public static final String SIGNAL_ATTRIBUTE = "pcm.gpcSignal";
  public static final String PREFERENCES_ATTRIBUTE = "pcm.preferences";

  private static final Duration COOKIE_AGE = Duration.ofDays(730);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<Preference> SALE_AND_SHARING = List.of(Preference.SALE, Preference.SHARING);

  private final PreferenceStore preferences;
  private final PageSignalWriter pageSignals;
  private final PublicRequestLimits limits;

  public GlobalPrivacyControl(PreferenceStore preferences, PageSignalWriter pageSignals, PublicRequestLimits limits) {
    this.preferences = preferences;
    this.pageSignals = pageSignals;
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/privacy") || path.startsWith("/privacy/") || path.startsWith("/api/privacy/"));
  }

  /** Exactly {@code 1}: the specification's only value for a signal. */
  public static boolean isSignal(HttpServletRequest request) {
    return "1".equals(request.getHeader("Sec-GPC"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean signal = isSignal(request);
    boolean page = !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    String deviceId = deviceIdOf(request);
    if (deviceId == null && (signal || page)) {
      deviceId = newDeviceId();
      Cookie cookie = new Cookie(COOKIE, deviceId);
      cookie.setPath("/");
      cookie.setHttpOnly(true);
      cookie.setSecure(request.isSecure());
      cookie.setMaxAge((int) COOKIE_AGE.toSeconds());
      cookie.setAttribute("SameSite", "Lax");
      response.addCookie(cookie);
    }
    Map<Preference, Boolean> applying = deviceId == null ? null : preferences.check(List.of(Identifier.device(deviceId)));
    // A browser that already signalled changes nothing (its linked consumers followed its first
    // signal, and a later link follows it too). A client that drops its cookies writes a row per
    // request, so new browsers are bounded per client; past the bound the page still honours the
    // signal and a later request carrying the cookie records it.
    if (signal && !refusesSaleAndSharing(applying) && limits.tryAcquire(request.getRemoteAddr())) {
      pageSignals.record(deviceId);
      Map<Preference, Boolean> now = new java.util.EnumMap<>(applying);
      SALE_AND_SHARING.forEach(p -> now.put(p, false));
      applying = now;
    }
    if (deviceId != null) {
      request.setAttribute(DEVICE_ATTRIBUTE, deviceId);
      request.setAttribute(PREFERENCES_ATTRIBUTE, applying);
    }
    request.setAttribute(SIGNAL_ATTRIBUTE, signal);
    chain.doFilter(request, response);
  }

  private static boolean refusesSaleAndSharing(Map<Preference, Boolean> applying) {
    return SALE_AND_SHARING.stream().noneMatch(p -> applying.get(p));
  }

  private static String deviceIdOf(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && IdentifierFormats.DEVICE_ID.matcher(cookie.getValue()).matches()) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static String newDeviceId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
