package com.privacycasemanager.preference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.preferencestore.Identifier;
import com.privacycasemanager.preferencestore.PreferenceSource;
import com.privacycasemanager.preferencestore.PreferenceStore;
import com.privacycasemanager.request.Preference;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.List;
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

/** Global Privacy Control: what counts as a signal, what it changes, and what it never undoes. */
class GlobalPrivacyControlTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired PreferenceStore preferences;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aSignalOptsTheBrowserOutOnceAndThePageSaysSo() {
    ResponseEntity<String> first = get("/privacy/do-not-sell", null, "1");
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    String device = deviceCookie(first);
    assertThat(device).matches("[A-Za-z0-9._-]{8,64}");
    assertThat(first.getHeaders().getFirst(HttpHeaders.SET_COOKIE)).contains("HttpOnly").contains("SameSite=Lax");
    assertThat(first.getBody()).contains("Opt-Out Request Honored");
    assertThat(preferences.check(List.of(Identifier.device(device))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false)
        .containsEntry(Preference.SENSITIVE_USE, true);
    assertThat(signals(device)).as("the browser's opt-out is one record").isEqualTo(1);
    assertThat(gpcCases(device)).as("a browser not known as a consumer opens no case").isZero();

    get("/privacy/limit", device, "1");
    get("/api/privacy/requests/CCPA-20261124-00000000?token=x", device, "1");
    assertThat(signals(device)).as("a repeated signal records nothing new").isEqualTo(1);

    // without the signal the browser stays opted out, and the page still says so
    ResponseEntity<String> later = get("/privacy/do-not-sell", device, null);
    assertThat(later.getBody()).contains("Opt-Out Request Honored");
    assertThat(preferences.check(List.of(Identifier.device(device))).get(Preference.SALE)).isFalse();
  }

  @Test
  void onlyExactlyOneIsASignal() {
    // (surrounding whitespace is not part of a header value in HTTP, so " 1" arrives as "1")
    for (String value : new String[] {"0", "true", "01", "1.0", "yes", ""}) {
      ResponseEntity<String> page = get("/privacy/do-not-sell", null, value);
      String device = deviceCookie(page);
      assertThat(page.getBody()).as("Sec-GPC: '%s'", value).doesNotContain("Opt-Out Request Honored");
      assertThat(preferences.check(List.of(Identifier.device(device))).get(Preference.SALE)).isTrue();
      assertThat(signals(device)).isZero();
    }
  }

  @Test
  void aSignalReachesTheConsumerKnownToUseTheBrowser() {
    // the consumer limited sensitive use from this browser, which links it to their email
    String device = deviceCookie(get("/privacy/limit", null, null));
    ResponseEntity<String> limited = postForm("/privacy/limit", device, "email=known.consumer@example.com");
    assertThat(limited.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(preferences.check(List.of(Identifier.email("known.consumer@example.com"))).get(Preference.SALE)).isTrue();

    get("/privacy/do-not-sell", device, "1");
    assertThat(preferences.check(List.of(Identifier.email("known.consumer@example.com"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false)
        .containsEntry(Preference.SENSITIVE_USE, false);
    assertThat(preferences.history(Identifier.email("known.consumer@example.com")))
        .filteredOn(e -> e.preference().equals(Preference.SALE.name()))
        .singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo(PreferenceSource.GPC));

    // a later visit without the signal does not opt them back in
    get("/privacy/do-not-sell", device, null);
    assertThat(preferences.check(List.of(Identifier.email("known.consumer@example.com"))).get(Preference.SALE)).isFalse();
  }

  @Test
  void aConsumerLinkedAfterTheFirstSignalIsReachedWhenTheLinkIsMade() {
    String device = deviceCookie(get("/privacy/do-not-sell", null, "1"));
    assertThat(signals(device)).isEqualTo(1);
    // from the same signalling browser, the consumer now limits sensitive use with their email:
    // the request links the browser to them, and the browser's signal follows the link
    postForm("/privacy/limit", device, "email=linked.later@example.com");
    assertThat(preferences.check(List.of(Identifier.email("linked.later@example.com"))))
        .containsEntry(Preference.SALE, false)
        .containsEntry(Preference.SHARING, false)
        .containsEntry(Preference.SENSITIVE_USE, false);
    assertThat(preferences.history(Identifier.email("linked.later@example.com")))
        .filteredOn(e -> e.preference().equals(Preference.SALE.name()))
        .singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo(PreferenceSource.GPC));
    get("/privacy/do-not-sell", device, "1");
    assertThat(signals(device)).as("now everyone is covered: nothing new").isEqualTo(1);
    assertThat(gpcCases(device)).isZero();
  }

  @Test
  void aSignalOnTheApiCountsToo() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Sec-GPC", "1");
    ResponseEntity<JsonNode> response = http.exchange(
        "/api/privacy/requests", HttpMethod.POST,
        new HttpEntity<>("{\"type\":\"LIMIT_SENSITIVE\",\"email\":\"api.gpc@example.com\"}", headers), JsonNode.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String device = deviceCookie(response);
    assertThat(signals(device)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select source from opt_out_signal where device_id = ?", String.class, device))
        .isEqualTo("PAGE");
  }

  @Test
  void theWellKnownResourceSaysWeHonourGpc() {
    ResponseEntity<JsonNode> gpc = http.getForEntity("/.well-known/gpc.json", JsonNode.class);
    assertThat(gpc.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(gpc.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    assertThat(gpc.getBody().path("gpc").asBoolean()).isTrue();
    assertThat(gpc.getBody().path("lastUpdate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  private int signals(String device) {
    return jdbc.queryForObject("select count(*) from opt_out_signal where device_id = ?", Integer.class, device);
  }

  private int gpcCases(String device) {
    return jdbc.queryForObject(
        "select count(*) from privacy_case where channel = 'GPC' and subject_device_id = ?", Integer.class, device);
  }

  private ResponseEntity<String> get(String path, String device, String gpc) {
    HttpHeaders headers = new HttpHeaders();
    if (device != null) {
      headers.add(HttpHeaders.COOKIE, GlobalPrivacyControl.COOKIE + "=" + device);
    }
    if (gpc != null) {
      headers.set("Sec-GPC", gpc);
    }
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private ResponseEntity<String> postForm(String path, String device, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(HttpHeaders.COOKIE, GlobalPrivacyControl.COOKIE + "=" + device);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  static String deviceCookie(ResponseEntity<?> response) {
    return response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith(GlobalPrivacyControl.COOKIE + "="))
        .map(c -> c.substring(GlobalPrivacyControl.COOKIE.length() + 1).split(";", 2)[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device cookie in " + response.getHeaders()));
  }

}
