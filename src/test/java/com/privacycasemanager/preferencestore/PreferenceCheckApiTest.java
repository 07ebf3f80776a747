package com.privacycasemanager.preferencestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/preferences/check}: the ad systems' question, with its authentication and bad input. */
class PreferenceCheckApiTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired PreferenceStore preferences;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void answersPerIdentifierAndARefusalOnAnyIdentifierWins() {
    preferences.refuse(List.of(Identifier.email("checked@example.com")), List.of(Preference.SALE), PreferenceSource.API, null);
    preferences.refuse(List.of(Identifier.device("device-checked-1")), List.of(Preference.SENSITIVE_USE), PreferenceSource.FORM, null);

    JsonNode byEmail = check("adsystem", "adsystem", "email=CHECKED@example.com").getBody();
    assertThat(byEmail.path("saleAllowed").asBoolean()).isFalse();
    assertThat(byEmail.path("sharingAllowed").asBoolean()).isTrue();
    assertThat(byEmail.path("sensitiveUseAllowed").asBoolean()).isTrue();

    JsonNode both = check("adsystem", "adsystem", "email=checked@example.com&deviceId=device-checked-1").getBody();
    assertThat(both.path("saleAllowed").asBoolean()).isFalse();
    assertThat(both.path("sensitiveUseAllowed").asBoolean()).isFalse();

    JsonNode unknown = check("adsystem", "adsystem", "email=nobody@example.com").getBody();
    assertThat(unknown.path("saleAllowed").asBoolean()).isTrue();
    assertThat(unknown.path("sharingAllowed").asBoolean()).isTrue();
  }

  @Test
  void aConsumerKnownOnlyByTheirAccountIdCanOptOutAndBeChecked() {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> accepted = http.postForEntity("/api/privacy/requests",
        new org.springframework.http.HttpEntity<>("{\"type\":\"OPT_OUT_SHARING\",\"accountId\":\"acct:42-xyz\"}", headers), JsonNode.class);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode answer = check("adsystem", "adsystem", "accountId=acct:42-xyz").getBody();
    assertThat(answer.path("sharingAllowed").asBoolean()).isFalse();
    assertThat(answer.path("saleAllowed").asBoolean()).isTrue();
    assertThat(check("adsystem", "adsystem", "accountId=acct%2042").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void changesAreAppendedNeverOverwritten() {
    Identifier id = Identifier.email("history@example.com");
    RequestId first = new RequestId("CCPA-20261124-0000AAAA");
    preferences.refuse(List.of(id), List.of(Preference.SALE, Preference.SHARING), PreferenceSource.FORM, first);
    // a repeated opt-out is not a change
    preferences.refuse(List.of(id), List.of(Preference.SALE), PreferenceSource.GPC, null);
    assertThat(preferences.history(id))
        .extracting(e -> e.preference() + ":" + e.allowed() + ":" + e.source() + ":" + e.requestId())
        .containsExactly("SALE:false:FORM:" + first.value(), "SHARING:false:FORM:" + first.value());
  }

  @Test
  void aChangeWrittenByAnotherNodeIsSeenWithinTheRefreshInterval() throws Exception {
    Identifier other = Identifier.email("other.node@example.com");
    assertThat(preferences.check(List.of(other)).get(Preference.SALE)).isTrue();
    String key = preferences.keyOf(other);
    // what another application node's PreferenceStore writes, straight into the shared tables
    jdbc.update("insert into preference_event (identifier_type, identifier_key, preference, allowed, source, recorded_at)"
        + " values ('EMAIL', ?, 'SALE', false, 'API', current_timestamp)", key);
    long id = jdbc.queryForObject("select max(id) from preference_event", Long.class);
    jdbc.update("insert into preference_state (identifier_key, preference, allowed, last_event_id, updated_at)"
        + " values (?, 'SALE', false, ?, current_timestamp)", key, id);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    while (preferences.check(List.of(other)).get(Preference.SALE) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(preferences.check(List.of(other)).get(Preference.SALE)).isFalse();
    assertThat(check("adsystem", "adsystem", "email=other.node@example.com").getBody().path("saleAllowed").asBoolean()).isFalse();
  }

  @Test
  void credentialsAndGroupAreRequired() {
    assertThat(http.getForEntity("/api/preferences/check?email=a@example.com", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(check(lockoutProbeUser("preference-api"), "wrong", "email=a@example.com").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(check("reviewer", "reviewer", "email=a@example.com").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(check("officer", "officer", "email=a@example.com").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void badQueriesAreNamed() {
    ResponseEntity<JsonNode> none = check("adsystem", "adsystem", "");
    assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(none.getBody().path("fields").has("email")).isTrue();
    ResponseEntity<JsonNode> badEmail = check("adsystem", "adsystem", "email=not-an-email");
    assertThat(badEmail.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badEmail.getBody().path("fields").has("email")).isTrue();
    ResponseEntity<JsonNode> badDevice = check("adsystem", "adsystem", "deviceId=%3Cscript%3E");
    assertThat(badDevice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badDevice.getBody().path("fields").has("deviceId")).isTrue();
  }

  private ResponseEntity<JsonNode> check(String user, String password, String query) {
    return http.withBasicAuth(user, password).getForEntity("/api/preferences/check?" + query, JsonNode.class);
  }
}
