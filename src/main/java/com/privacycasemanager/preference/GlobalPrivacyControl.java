package com.privacycasemanager.preference;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.intake.PublicRequestLimits;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IdentifierFormats;
import com.privacycasemanager.request.NewCase;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
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
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Global Privacy Control (11 CCR §7025): a request to the privacy pages or the privacy API that
 * carries {@code Sec-GPC: 1} (exactly) is an opt-out of sale and sharing for its browser — known by
 * the first-party cookie {@value #COOKIE} — and for every consumer known to have used that
 * browser. The first signal from a browser opens an {@code OPT_OUT_ALL} case (channel GPC), which
 * applies the preference at once and tells the recipients; repeated signals change nothing, and a
 * later visit without the signal never opts anyone back in.
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
  private final IntakeService intake;
  private final PublicRequestLimits limits;
  private final Map<String, Object> deviceLocks = new ConcurrentHashMap<>();

  public GlobalPrivacyControl(
      PreferenceStore preferences, IntakeService intake, PublicRequestLimits limits) {
    this.preferences = preferences;
    this.intake = intake;
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
    // A client that drops its cookies would open a case (and notify every recipient) per request,
    // so opening is bounded per client; past the bound the page still honours the signal and a
    // later request carrying the cookie opens the case.
    if (signal && !optedOut(deviceId) && limits.tryAcquire(request.getRemoteAddr())) {
      honour(deviceId);
    }
    if (deviceId != null) {
      request.setAttribute(DEVICE_ATTRIBUTE, deviceId);
      request.setAttribute(PREFERENCES_ATTRIBUTE, preferences.check(List.of(Identifier.device(deviceId))));
    }
    request.setAttribute(SIGNAL_ATTRIBUTE, signal);
    chain.doFilter(request, response);
  }

  /** The browser and every consumer known to use it already refuse sale and sharing. */
  private boolean optedOut(String deviceId) {
    return preferences.deviceAndLinkedRefuse(Identifier.device(deviceId), SALE_AND_SHARING);
  }

  /** One case per browser, even when its first signals arrive in parallel. */
  private void honour(String deviceId) {
    Object lock = deviceLocks.computeIfAbsent(deviceId, k -> new Object());
    try {
      synchronized (lock) {
        if (!optedOut(deviceId)) {
          intake.open(new NewCase(RequestType.OPT_OUT_ALL, Channel.GPC, Subject.ofDevice(deviceId), null, null));
        }
      }
    } finally {
      deviceLocks.remove(deviceId);
    }
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
