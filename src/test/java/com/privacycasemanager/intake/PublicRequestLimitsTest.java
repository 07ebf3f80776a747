package com.privacycasemanager.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-client rate limit and body limit, with a small bucket. */
class PublicRequestLimitsTest {

  final PublicRequestLimits limits =
      new PublicRequestLimits(new IntakeProperties(100, new IntakeProperties.RateLimit(60, 3)), new ObjectMapper());

  @Test
  void aClientPastItsBurstGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(send("10.0.0.1", "{}").getStatus()).isEqualTo(200);
    }
    MockHttpServletResponse limited = send("10.0.0.1", "{}");
    assertThat(limited.getStatus()).isEqualTo(429);
    assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
    assertThat(limited.getContentType()).isEqualTo("application/problem+json");
    assertThat(limited.getContentAsString()).contains("rate-limited");
    assertThat(send("10.0.0.2", "{}").getStatus()).isEqualTo(200);
  }

  @Test
  void bodiesOverTheLimitGet413EvenWithoutContentLength() throws Exception {
    MockHttpServletRequest request = request("10.0.0.3", "x".repeat(101));
    request.removeHeader("Content-Length");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    limits.doFilter(request, response, chain);
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(chain.getRequest()).as("the application never sees the body").isNull();
  }

  @Test
  void readsAndGetsAreNotLimited() throws Exception {
    for (int i = 0; i < 10; i++) {
      MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/privacy/requests/CCPA-20261124-00000000");
      get.setRemoteAddr("10.0.0.4");
      MockHttpServletResponse response = new MockHttpServletResponse();
      limits.doFilter(get, response, new MockFilterChain());
      assertThat(response.getStatus()).isEqualTo(200);
    }
  }

  private MockHttpServletResponse send(String client, String body) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    limits.doFilter(request(client, body), response, new MockFilterChain());
    return response;
  }

  private static MockHttpServletRequest request(String client, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/privacy/requests");
    request.setRemoteAddr(client);
    request.setContentType("application/json");
    request.setContent(body.getBytes());
    return request;
  }
}
