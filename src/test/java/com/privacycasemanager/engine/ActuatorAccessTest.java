package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.support.CaseTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Health (with its liveness and readiness probes) is open to anyone; metrics and every other
 * actuator endpoint need HTTP basic credentials of a user in {@code metrics}, {@code
 * privacy-officers} or {@code camunda-admin}. Requests are sent as written ({@code HttpClient}
 * keeps encoded and matrix forms of a path as they are).
 */
class ActuatorAccessTest extends CaseTestSupport {

  @Autowired IntakeService intake;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  @Test
  void healthAndItsProbesAreOpenToAnyone() throws Exception {
    for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
      HttpResponse<String> response = get(path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void prometheusNeedsALogin() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus", null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).doesNotContain("pcm_cases_opened", "# HELP");
  }

  @Test
  void everyOtherActuatorEndpointNeedsALogin() throws Exception {
    for (String path : new String[] {
        "/actuator", "/actuator/metrics", "/actuator/metrics/pcm.cases.opened", "/actuator/info",
        "/actuator/prometheus?x=1", "/actuator;a=b/prometheus", "/actuator/%70rometheus"}) {
      HttpResponse<String> response = get(path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.body()).as(path).doesNotContain("# HELP", "_links", "\"names\"");
    }
  }

  @Test
  void aPathThroughHealthDoesNotOpenOtherEndpoints() throws Exception {
    for (String path : new String[] {
        "/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus", "/actuator/health;a=/../prometheus",
        "/actuator/prometheus/../health"}) {
      HttpResponse<String> response = get(path, null);
      assertThat(response.statusCode()).as(path).isNotEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain("# HELP");
    }
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    String probe = lockoutProbeUser(Groups.METRICS);
    assertThat(get("/actuator/prometheus", probe + ":wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void aUserOutsideTheReaderGroupsIsForbidden() throws Exception {
    for (String credentials : new String[] {"reviewer:reviewer", "adsystem:adsystem"}) {
      HttpResponse<String> response = get("/actuator/prometheus", credentials);
      assertThat(response.statusCode()).as(credentials).isEqualTo(403);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(response.body()).doesNotContain("# HELP");
    }
  }

  @Test
  void theMetricsReaderScrapesPrometheusWithCaseCounts() throws Exception {
    intake.submit(new IntakeRequest("OPT_OUT_SALE", "scraped@example.com", null, null, null, null, null, null, null, null), Channel.API, null);
    HttpResponse<String> response = get("/actuator/prometheus", "metrics:metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("pcm_cases_opened_total{channel=\"API\",type=\"OPT_OUT_SALE\"}", "jvm_memory_used_bytes");
    assertThat(response.body()).doesNotContain("scraped@example.com");
    assertThat(get("/actuator/metrics", "metrics:metrics").statusCode()).isEqualTo(200);
    assertThat(get("/actuator", "metrics:metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void officersAndAdminsMayReadMetricsToo() throws Exception {
    assertThat(get("/actuator/prometheus", "officer:officer").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/metrics", "demo:demo").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
