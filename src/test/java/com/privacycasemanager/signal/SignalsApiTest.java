package com.privacycasemanager.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/signals}: what the business's web servers forward, and what each signal changes at once. */
class SignalsApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired PreferenceStore preferences;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void aBrowserIsOneRecordHoweverOftenItsSignalIsForwarded() {
    ResponseEntity<JsonNode> first = post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-0001\"},{\"deviceId\":\"shop-device-0002\"}]}");
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody().path("signals").asInt()).isEqualTo(2);
    assertThat(first.getBody().path("newBrowsers").asInt()).isEqualTo(2);
    assertThat(first.getBody().path("consumersReached").asInt()).isZero();

    ResponseEntity<JsonNode> again = post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-0001\"},{\"deviceId\":\"shop-device-0002\"}]}");
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().path("newBrowsers").asInt()).as("idempotent").isZero();
    assertThat(jdbc.queryForObject(
            "select count(*) from opt_out_signal where device_id in ('shop-device-0001', 'shop-device-0002') and source = 'EDGE'",
            Integer.class))
        .isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_device_id like 'shop-device-%'", Integer.class))
        .as("no case per browser")
        .isZero();
    assertThat(preferences.check(List.of(Identifier.device("shop-device-0001"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false)
        .containsEntry(Preference.SENSITIVE_USE, true);
    JsonNode checked = http.withBasicAuth("adsystem", "adsystem")
        .getForEntity("/api/preferences/check?deviceId=shop-device-0002", JsonNode.class).getBody();
    assertThat(checked.path("saleAllowed").asBoolean()).isFalse();
    assertThat(checked.path("sharingAllowed").asBoolean()).isFalse();
  }

  @Test
  void aSignedInSignalReachesTheAccountAndTheBrowserFollowsIt() {
    ResponseEntity<JsonNode> recorded =
        post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-acct-1\",\"accountId\":\"acct:7001\"}]}");
    assertThat(recorded.getBody().path("consumersReached").asInt()).isEqualTo(1);
    assertThat(preferences.check(List.of(Identifier.account("acct:7001"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false);
    assertThat(preferences.history(Identifier.account("acct:7001")))
        .extracting(PreferenceStore.PreferenceEvent::source)
        .containsOnly(PreferenceSource.GPC);
    // the browser is now linked to the account: a later signal without the sign-in changes nothing new
    assertThat(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-acct-1\"}]}").getBody().path("consumersReached").asInt())
        .isZero();
  }

  @Test
  void aBrowserLinkedToAKnownConsumerReachesThatConsumerAtOnce() {
    // the consumer limited sensitive use from this browser earlier, which links it to their email
    preferences.link(Identifier.device("shop-device-known"), Identifier.email("known.by.browser@example.com"));
    assertThat(preferences.check(List.of(Identifier.email("known.by.browser@example.com"))).get(Preference.SALE)).isTrue();

    ResponseEntity<JsonNode> recorded = post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-known\"}]}");
    assertThat(recorded.getBody().path("consumersReached").asInt()).isEqualTo(1);
    assertThat(preferences.check(List.of(Identifier.email("known.by.browser@example.com"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false);
  }

  @Test
  void aSeenAtTimeDatesTheRecordWithinItsBounds() {
    Instant seen = clock.instant().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    assertThat(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-seen\",\"seenAt\":\"" + seen + "\"}]}").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(jdbc.queryForObject("select received_at from opt_out_signal where device_id = 'shop-device-seen'", java.sql.Timestamp.class)
            .toInstant())
        .isEqualTo(seen);

    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-late\",\"seenAt\":\"" + clock.instant().minus(Duration.ofDays(8)) + "\"}]}"),
        "signals[0].seenAt", "days ago");
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-late\",\"seenAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}]}"),
        "signals[0].seenAt", "future");
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-late\",\"seenAt\":\"yesterday\"}]}"),
        "signals[0].seenAt", "ISO-8601");
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal where device_id = 'shop-device-late'", Integer.class)).isZero();
  }

  @Test
  void aThousandSignalsFitOneCallAndOneMoreDoesNot() {
    String thousand = body(1000, "bulk-a");
    ResponseEntity<JsonNode> ok = post("edge", thousand);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ok.getBody().path("newBrowsers").asInt()).isEqualTo(1000);
    assertField(post("edge", body(1001, "bulk-b")), "signals", "at most 1000");
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal where device_id like 'bulk-b-%'", Integer.class)).isZero();
  }

  @Test
  void aBodyFarLargerThanTheLargestCallIsRefusedUnread() {
    String padding = "x".repeat(SignalsController.BYTES_PER_SIGNAL * 1000 + 2048);
    ResponseEntity<JsonNode> response = post("edge", "{\"pad\":\"" + padding + "\",\"signals\":[{\"deviceId\":\"shop-device-pad\"}]}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
  }

  @Test
  void badBodiesAreRefusedByFieldAndNothingIsStored() {
    int before = jdbc.queryForObject("select count(*) from opt_out_signal", Integer.class);
    assertField(post("edge", "not json"), "signals", "not JSON");
    assertField(post("edge", "{}"), "signals", "required");
    assertField(post("edge", "{\"signals\":{}}"), "signals", "required");
    assertField(post("edge", "{\"signals\":[]}"), "signals", "empty");
    assertField(post("edge", "{\"signals\":[\"shop-device-1\"]}"), "signals[0]", "object");
    assertField(post("edge", "{\"signals\":[{\"accountId\":\"acct:1\"}]}"), "signals[0].deviceId", "required");
    assertField(post("edge", "{\"signals\":[{\"deviceId\":42}]}"), "signals[0].deviceId", "string");
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"short\"}]}"), "signals[0].deviceId", null);
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-ok-1\"},{\"deviceId\":\"has space in it\"}]}"),
        "signals[1].deviceId", null);
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-ok-2\",\"accountId\":\"acct 1\"}]}"), "signals[0].accountId", null);
    assertField(post("edge", "{\"signals\":[{\"deviceId\":\"shop-device-ok-3\",\"accountId\":\"" + "a".repeat(65) + "\"}]}"),
        "signals[0].accountId", null);
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal", Integer.class))
        .as("a call with one bad signal stores none of its signals")
        .isEqualTo(before);
  }

  @Test
  void onlyJsonIsTaken() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    headers.setBasicAuth("edge", "edge");
    ResponseEntity<JsonNode> response = http.exchange("/api/signals", HttpMethod.POST,
        new HttpEntity<>("{\"signals\":[{\"deviceId\":\"shop-device-text\"}]}", headers), JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    // a header no media type parser takes, sent as a careless client would
    java.net.http.HttpResponse<String> garbled = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/signals"))
            .header("Content-Type", "not a media type;;")
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("edge:edge".getBytes()))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"signals\":[{\"deviceId\":\"shop-device-text\"}]}"))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(garbled.statusCode()).as(garbled.body()).isEqualTo(415);
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal where device_id = 'shop-device-text'", Integer.class)).isZero();
  }

  @Test
  void onlyTheSignalSendersOfficersAndAdminsMayForward() {
    String body = "{\"signals\":[{\"deviceId\":\"shop-device-auth\"}]}";
    ResponseEntity<JsonNode> anonymous = post(null, body);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(post("adsystem", body).getStatusCode()).as("the preference check's users may not write").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("reviewer", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    HttpHeaders wrong = new HttpHeaders();
    wrong.setContentType(MediaType.APPLICATION_JSON);
    wrong.setBasicAuth("edge", "not-the-password");
    assertThat(http.exchange("/api/signals", HttpMethod.POST, new HttpEntity<>(body, wrong), JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal where device_id = 'shop-device-auth'", Integer.class)).isZero();
    assertThat(post("officer", body).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theApiDocumentationShowsTheBody() {
    String docs = http.getForObject("/api/openapi", String.class);
    assertThat(docs).contains("/api/signals").contains("SignalsBody").contains("seenAt");
  }

  private static String body(int n, String prefix) {
    return IntStream.range(0, n)
        .mapToObj(i -> String.format("{\"deviceId\":\"%s-%06d\"}", prefix, i))
        .collect(Collectors.joining(",", "{\"signals\":[", "]}"));
  }

  private ResponseEntity<JsonNode> post(String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, user);
    }
    return http.exchange("/api/signals", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static void assertField(ResponseEntity<JsonNode> response, String field, String says) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    assertThat(response.getBody().path("fields").has(field)).as("%s in %s", field, response.getBody()).isTrue();
    if (says != null) {
      assertThat(response.getBody().path("fields").path(field).asText()).contains(says);
    }
  }
}
