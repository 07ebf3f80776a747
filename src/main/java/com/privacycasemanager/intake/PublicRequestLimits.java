package com.privacycasemanager.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.web.ProblemHandler;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the public write endpoints ({@code POST /api/privacy/**} and the {@code /privacy/**}
 * forms): bodies over {@code privacy.intake.max-body-bytes} get 413, and each client address gets a
 * token bucket (Bucket4j) of {@code requests-per-minute} with a {@code burst}; past it, 429 with
 * {@code Retry-After}. Both answer before anything is parsed or stored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class PublicRequestLimits extends OncePerRequestFilter {

  private static final int MAX_TRACKED_CLIENTS = 100_000;

  private final IntakeProperties properties;
  private final ObjectMapper json;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public PublicRequestLimits(IntakeProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod())
        || !(path.startsWith("/api/privacy/") || path.startsWith("/privacy/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ConsumptionProbe probe = bucketFor(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
      response.setHeader("Retry-After", String.valueOf(seconds));
      write(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests from this client; retry after " + seconds + " s.");
      return;
    }
    if (isMultipart(request)) {
      // only an agent's signed permission comes as a file (page or API); spring.servlet.multipart bounds it
      chain.doFilter(request, response);
      return;
    }
    int max = properties.maxBodyBytes();
    if (request.getContentLengthLong() > max) {
      write(response, HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The body is larger than " + max + " bytes.");
      return;
    }
    if (isForm(request)) {
      // Tomcat parses form parameters from its own stream; server.tomcat.max-http-form-post-size bounds them.
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(max + 1);
    if (body.length > max) {
      write(response, HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The body is larger than " + max + " bytes.");
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  /** Takes one request from a client's bucket; false when the client is over its limit. */
  public boolean tryAcquire(String clientAddress) {
    return bucketFor(clientAddress).tryConsume(1);
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return (path.startsWith("/privacy/") || path.endsWith("/agent-permission")) && type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
  }

  private Bucket bucketFor(String client) {
    if (buckets.size() > MAX_TRACKED_CLIENTS) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(
        client,
        c ->
            Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(properties.rateLimit().burst())
                        .refillGreedy(properties.rateLimit().requestsPerMinute(), Duration.ofMinutes(1))
                        .build())
                .build());
  }

  private void write(HttpServletResponse response, HttpStatus status, String type, String detail) throws IOException {
    ProblemDetail problem = ProblemHandler.problem(status, type, detail, null);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  /** The request with its body already read (and bounded), so form and JSON parsing still work. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(
          new InputStreamReader(
              new ByteArrayInputStream(body),
              encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
