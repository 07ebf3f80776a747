package com.privacycasemanager.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input at every public entry point, on whichever database the subclass runs: one table of
 * bad identifiers, a NUL in each text field, and broken multipart bodies. Each is refused with a
 * 400 naming the field (problem+json for {@code /api/**}, the form again for pages), never a 500,
 * and nothing is stored. Bodies are written byte by byte, so invalid UTF-8 and unpaired
 * surrogates reach the server as a careless client would send them.
 */
public abstract class BadInputContract extends CaseTestSupport {

  private static final String PDF = "%PDF-1.4 signed permission";
  /** The withdrawal form of the test map's financial incentive program. */
  private static final String WITHDRAW_PAGE = "/privacy/incentives/rewards/withdraw";

  @Autowired protected TestRestTemplate http;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected Secrets secrets;
  @Autowired protected ObjectMapper json;

  /** A user in {@code preference-api}: name and password. */
  protected abstract String[] preferenceUser();

  /** A user who may start processes through {@code /engine-rest}: name and password. */
  protected abstract String[] engineUser();

  /**
   * A value as the bytes a client sends, and as the content of a JSON string (null when JSON
   * cannot carry it: the body is then sent with the raw bytes).
   */
  public record Bad(String label, byte[] bytes, String json) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** The one table of identifiers every entry point refuses. */
  static Stream<Bad> badEmails() {
    return Stream.of(
        text("NUL", "a\u0000b@example.org"),
        text("CR", "a\rb@example.org"),
        text("LF", "a\nb@example.org"),
        text("TAB", "a\tb@example.org"),
        text("DEL", "a\u007fb@example.org"),
        text("C1 control", "a\u0085b@example.org"),
        text("trailing LF", "a@example.org\n"),
        text("markup", "<script>alert(1)</script>@example.org"),
        text("U+FFFD", "a\ufffdb@example.org"),
        text("unpaired surrogate", "a\ud800b@example.org"),
        raw("invalid UTF-8", "a", 0xff, "b@example.org"));
  }

  static Stream<String> emailEntryPoints() {
    return Stream.of("intake API", "ADMT opt-out API", "know page", "delete page", "correct page", "do-not-sell page", "limit page",
        "ADMT opt-out page", "admt/access page", "admt/appeal page", "incentive withdrawal API", "incentive withdrawal page",
        "preference check", "suppression check", "engine-rest start", "signals API", "consent API", "join page");
  }

  static Stream<Arguments> emailsAtEveryEntryPoint() {
    return emailEntryPoints().flatMap(entry -> badEmails().map(bad -> Arguments.of(entry, bad)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("emailsAtEveryEntryPoint")
  void everyEntryPointRefusesTheSameBadIdentifiers(String entry, Bad email) {
    int before = cases();
    int signalsBefore = jdbc.queryForObject("select count(*) from opt_out_signal", Integer.class);
    int consentsBefore = jdbc.queryForObject("select count(*) from incentive_consent", Integer.class);
    switch (entry) {
      case "intake API" -> assertProblem(api(Map.of("type", str("OPT_OUT_ALL"), "email", email)), email.json() == null ? null : "email");
      case "know page" -> assertPage(page("/privacy/know", Map.of("kind", str("categories"), "email", email)), "email");
      case "delete page" -> assertPage(page("/privacy/delete", Map.of("email", email)), "email");
      case "admt/access page" -> assertPage(page("/privacy/admt/access", Map.of("email", email)), "email");
      case "admt/appeal page" -> assertPage(page("/privacy/admt/appeal", Map.of("email", email)), "email");
      case "correct page" -> assertPage(page("/privacy/correct",
          Map.of("rows", str("2"), "field-0", str("postalCode"), "value-0", str("90402"), "email", email)), "email");
      case "ADMT opt-out API" -> assertProblem(api(Map.of("type", str("ADMT_OPT_OUT"), "email", email)), email.json() == null ? null : "email");
      case "do-not-sell page" -> assertPage(form("/privacy/do-not-sell", Map.of("choice", str("both"), "email", email)), "email");
      case "ADMT opt-out page" -> assertPage(form("/privacy/admt/opt-out", Map.of("scope", str("all"), "email", email)), "email");
      case "limit page" -> assertPage(form("/privacy/limit", Map.of("email", email)), "email");
      case "incentive withdrawal API" -> assertProblem(api(Map.of("type", str("INCENTIVE_WITHDRAWAL"), "email", email,
          "incentivePrograms", List.of(str("rewards")))), email.json() == null ? null : "email");
      case "incentive withdrawal page" -> assertPage(form(WITHDRAW_PAGE, Map.of("email", email)), "email");
      case "preference check" -> assertProblem(query("/api/preferences/check", preferenceUser(), "email", email), "email");
      case "suppression check" -> assertProblem(query("/api/suppression/check", preferenceUser(), "email", email), "email");
      case "engine-rest start" -> assertThat(engineStart("email", email).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      // the same table as a browser's device id, forwarded by the business's web servers
      case "signals API" -> assertProblem(asJson(signals(Map.of("deviceId", email))), email.json() == null ? null : "signals[0].deviceId");
      // a financial incentive consent from the business's sign-up, and the consumer's own join page
      case "consent API" -> assertProblem(asJson(consent(Map.of("program", str("rewards"), "decision", str("DECLINE"),
          "channel", str("WEB"), "email", email))), email.json() == null ? null : "email");
      case "join page" -> assertPage(form("/privacy/incentives/rewards/join", Map.of("email", email, "agree", str("yes"),
          "noticeVersion", str("unchecked"))), "email");
      default -> throw new IllegalArgumentException(entry);
    }
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent", Integer.class)).as("no consent stored").isEqualTo(consentsBefore);
    assertThat(cases()).as("nothing stored").isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from opt_out_signal", Integer.class)).as("no signal stored").isEqualTo(signalsBefore);
  }

  /**
   * What an incentive withdrawal may not name, and the other rights' requests that may not name
   * programs at all: each refused under its field, nothing stored.
   */
  static Stream<Arguments> badIncentivePrograms() {
    String withdrawal = "{\"type\":\"INCENTIVE_WITHDRAWAL\",\"email\":\"bad.programs@example.org\",";
    return Stream.of(
        Arguments.of("unknown program", withdrawal + "\"incentivePrograms\":[\"rewards\",\"no-such-program\"]}", "incentivePrograms[1]"),
        Arguments.of("null program", withdrawal + "\"incentivePrograms\":[null]}", "incentivePrograms[0]"),
        Arguments.of("NUL in a program", withdrawal + "\"incentivePrograms\":[\"rew\\u0000ards\"]}", "incentivePrograms[0]"),
        Arguments.of("not a list", withdrawal + "\"incentivePrograms\":\"rewards\"}", "incentivePrograms"),
        Arguments.of("a list of objects", withdrawal + "\"incentivePrograms\":[{\"id\":\"rewards\"}]}", "incentivePrograms[0]"),
        Arguments.of("too many", withdrawal + "\"incentivePrograms\":[" + String.join(",", java.util.Collections.nCopies(51, "\"rewards\""))
            + "]}", "incentivePrograms"),
        Arguments.of("no email or account", "{\"type\":\"INCENTIVE_WITHDRAWAL\",\"deviceId\":\"device-withdraw-0002\"}", "email"),
        Arguments.of("data points", withdrawal + "\"dataPoints\":{\"postalCode\":\"90401\"}}", "dataPoints"),
        Arguments.of("ADMT uses", withdrawal + "\"admtUses\":[\"pay-later\"]}", "admtUses"),
        Arguments.of("on an opt-out", "{\"type\":\"OPT_OUT_ALL\",\"email\":\"bad.programs@example.org\",\"incentivePrograms\":[\"rewards\"]}",
            "incentivePrograms"),
        Arguments.of("on a request to know", "{\"type\":\"KNOW_CATEGORIES\",\"email\":\"bad.programs@example.org\",\"incentivePrograms\":[]}",
            "incentivePrograms"),
        Arguments.of("on an ADMT opt-out", "{\"type\":\"ADMT_OPT_OUT\",\"email\":\"bad.programs@example.org\",\"incentivePrograms\":[\"rewards\"]}",
            "incentivePrograms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIncentivePrograms")
  void badIncentiveProgramsAreRefusedByName(String label, String body, String field) {
    int before = cases();
    int withdrawals = jdbc.queryForObject("select count(*) from incentive_withdrawal", Integer.class);
    int consents = jdbc.queryForObject("select count(*) from incentive_consent", Integer.class);
    assertProblem(asJson(postBytes("/api/privacy/requests", MediaType.APPLICATION_JSON_VALUE, body.getBytes(StandardCharsets.UTF_8))),
        field);
    assertThat(cases()).as("nothing stored").isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from incentive_withdrawal", Integer.class)).isEqualTo(withdrawals);
    assertThat(jdbc.queryForObject("select count(*) from incentive_consent", Integer.class)).isEqualTo(consents);
  }

  /** The same withdrawal naming the program well is accepted, so each refusal above is the bad value's doing. */
  @org.junit.jupiter.api.Test
  void aWithdrawalNamingAProgramOfTheMapIsAccepted() {
    ResponseEntity<JsonNode> accepted = api(Map.of("type", str("INCENTIVE_WITHDRAWAL"), "email", str("good.programs@example.org"),
        "incentivePrograms", List.of(str("rewards"))));
    assertThat(accepted.getStatusCode()).as("%s", accepted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
  }

  static Stream<Bad> badTokens() {
    return Stream.concat(badEmails(), Stream.of(text("NUL alone", "\u0000")));
  }

  /** Status, download, upload and confirmation links: a bad token is a wrong token, never a 500. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void linksTakeABadTokenAsAWrongOne(Bad token) {
    JsonNode agentCase = api(Map.of("type", str("KNOW_CATEGORIES"), "email", str("bad.token@example.org"),
        "agent", Map.of("name", str("Pat Agent"), "permission", true))).getBody();
    String id = agentCase.path("requestId").asText();
    String t = percent(token.bytes());
    assertThat(status(http.getForEntity(URI.create(baseUrl() + "/api/privacy/requests/" + id + "?token=" + t), String.class)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(status(http.getForEntity(URI.create(baseUrl() + "/privacy/requests/" + id + "?token=" + t), String.class)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(status(http.getForEntity(URI.create(baseUrl() + "/api/privacy/requests/" + id + "/package?token=" + t), String.class)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(status(http.getForEntity(URI.create(baseUrl() + "/privacy/verify/" + id + "?t=" + t), String.class)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(status(postBytes("/privacy/verify/" + id, MediaType.APPLICATION_FORM_URLENCODED_VALUE,
        ("t=" + t).getBytes(StandardCharsets.US_ASCII)))).isEqualTo(HttpStatus.NOT_FOUND);
    String boundary = "b0undary";
    assertThat(status(postBytes("/api/privacy/requests/" + id + "/agent-permission?token=" + t,
        "multipart/form-data; boundary=" + boundary, multipart(boundary, Map.of(), true))))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForObject("select count(*) from verification where request_id = ? and agent_permission is not null",
        Integer.class, id)).isZero();
  }

  static Stream<Arguments> everyTextField() {
    return Stream.of(
        Arguments.of("intake API", "email"), Arguments.of("intake API", "name"), Arguments.of("intake API", "phone"),
        Arguments.of("intake API", "deviceId"), Arguments.of("intake API", "accountId"),
        Arguments.of("intake API", "agent.name"), Arguments.of("intake API", "dataPoints.postalCode"),
        Arguments.of("intake API", "declaration.signedName"), Arguments.of("intake API", "corrections.city"),
        Arguments.of("intake API", "appeal.statement"), Arguments.of("intake API", "appeal.decision"),
        Arguments.of("preference check", "email"), Arguments.of("preference check", "deviceId"),
        Arguments.of("preference check", "accountId"),
        Arguments.of("suppression check", "email"), Arguments.of("suppression check", "phone"),
        Arguments.of("suppression check", "accountId"),
        Arguments.of("do-not-sell page", "email"), Arguments.of("do-not-sell page", "name"),
        Arguments.of("limit page", "email"), Arguments.of("limit page", "name"),
        Arguments.of("ADMT opt-out page", "email"), Arguments.of("ADMT opt-out page", "name"),
        Arguments.of("ADMT opt-out page", "agentName"),
        Arguments.of("incentive withdrawal page", "email"), Arguments.of("incentive withdrawal page", "accountId"),
        Arguments.of("incentive withdrawal page", "name"),
        Arguments.of("know page", "email"), Arguments.of("know page", "name"), Arguments.of("know page", "dp-postalCode"),
        Arguments.of("know page", "signedName"), Arguments.of("know page", "agentName"),
        Arguments.of("delete page", "email"), Arguments.of("delete page", "name"), Arguments.of("delete page", "dp-street"),
        Arguments.of("delete page", "signedName"), Arguments.of("delete page", "agentName"),
        Arguments.of("admt/access page", "email"), Arguments.of("admt/access page", "name"),
        Arguments.of("admt/access page", "dp-street"), Arguments.of("admt/access page", "signedName"),
        Arguments.of("admt/access page", "agentName"),
        Arguments.of("admt/appeal page", "email"), Arguments.of("admt/appeal page", "appealStatement"),
        Arguments.of("admt/appeal page", "appealDecision"), Arguments.of("admt/appeal page", "dp-street"),
        Arguments.of("admt/appeal page", "signedName"),
        Arguments.of("correct page", "email"), Arguments.of("correct page", "value-0"), Arguments.of("correct page", "dp-name"),
        Arguments.of("correct page", "signedName"), Arguments.of("correct page", "agentName"),
        Arguments.of("engine-rest start", "email"), Arguments.of("engine-rest start", "name"),
        Arguments.of("engine-rest start", "agentName"),
        Arguments.of("signals API", "signals[0].deviceId"), Arguments.of("signals API", "signals[0].accountId"),
        Arguments.of("consent API", "email"), Arguments.of("consent API", "accountId"), Arguments.of("consent API", "channel"),
        Arguments.of("join page", "email"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyTextField")
  void aNulInAnyTextFieldIsRefusedByName(String entry, String field) {
    int before = cases();
    ResponseEntity<String> response = withOneField(entry, field, true);
    switch (entry) {
      case "intake API", "preference check", "suppression check", "signals API", "consent API" -> assertProblem(asJson(response), field);
      case "engine-rest start" -> assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      default -> assertPage(response, field);
    }
    assertThat(cases()).as("nothing stored").isEqualTo(before);
  }

  /** The same requests without the NUL are accepted, so each refusal above is the NUL's doing. */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyTextField")
  void withoutTheNulTheSameRequestIsAccepted(String entry, String field) {
    ResponseEntity<String> response = withOneField(entry, field, false);
    assertThat(response.getStatusCode().is2xxSuccessful()).as("%s %s", response.getStatusCode(), response.getBody()).isTrue();
  }

  /** A valid request for the entry point, with a NUL in the one field when asked. */
  private ResponseEntity<String> withOneField(String entry, String field, boolean nul) {
    switch (entry) {
      case "intake API" -> {
        Map<String, Object> body = apiBody(field);
        return postBytes("/api/privacy/requests", MediaType.APPLICATION_JSON_VALUE, jsonBytes(nul ? withNul(body, field) : body));
      }
      case "preference check", "suppression check" -> {
        Bad value = nul ? nul(goodQueryValue(field)) : str(goodQueryValue(field));
        return http.withBasicAuth(preferenceUser()[0], preferenceUser()[1]).getForEntity(
            URI.create(baseUrl() + "/api/" + (entry.startsWith("preference") ? "preferences" : "suppression") + "/check?" + field + "="
                + percent(value.bytes())), String.class);
      }
      case "do-not-sell page", "limit page" -> {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("choice", str("both"), "email", str("nul.page@example.org"),
            "name", str("Jane Doe")));
        if (nul) {
          values.put(field, nul(((Bad) values.get(field)).json()));
        }
        return form(entry.equals("limit page") ? "/privacy/limit" : "/privacy/do-not-sell", values);
      }
      case "ADMT opt-out page" -> {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("scope", str("some"), "use", str("pay-later"),
            "email", str("nul.admt@example.org"), "name", str("Jane Doe"), "agentName", str("Pat Agent"), "agentPermission", str("yes")));
        if (nul) {
          values.put(field, nul(((Bad) values.get(field)).json()));
        }
        return form("/privacy/admt/opt-out", values);
      }
      case "incentive withdrawal page" -> {
        Map<String, Object> values = new LinkedHashMap<>(Map.of("email", str("nul.withdraw@example.org"), "accountId",
            str("acct-nul-withdraw"), "name", str("Jane Doe")));
        if (nul) {
          values.put(field, nul(((Bad) values.get(field)).json()));
        }
        return form(WITHDRAW_PAGE, values);
      }
      case "know page", "delete page", "correct page", "admt/access page", "admt/appeal page" -> {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kind", str("specific"));
        values.put("rows", str("2"));
        values.put("field-0", str("city"));
        values.put("value-0", str("Fresno"));
        values.put("email", str("nul.page@example.org"));
        values.put("name", str("Jane Doe"));
        values.put("dp-name", str("Jane Doe"));
        values.put("dp-postalCode", str("90401"));
        values.put("dp-street", str("12 Ocean Avenue"));
        values.put("declare", str("on"));
        values.put("signedName", str("Jane Doe"));
        values.put("asAgent", str("on"));
        values.put("agentName", str("Pat Agent"));
        values.put("appealUse", str("credit-line"));
        values.put("appealDecision", str("12"));
        values.put("appealStatement", str("The review missed my on-time payments."));
        if (nul) {
          values.put(field, nul(((Bad) values.get(field)).json()));
        }
        return page("/privacy/" + entry.substring(0, entry.indexOf(' ')), values);
      }
      case "signals API" -> {
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("deviceId", str("nul-signal-device-" + field.length()));
        signal.put("accountId", str("acct-nul-signal"));
        String name = field.substring(field.indexOf('.') + 1);
        if (nul) {
          signal.put(name, nul(((Bad) signal.get(name)).json()));
        }
        return signals(signal);
      }
      case "consent API" -> {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("program", str("rewards"), "decision", str("DECLINE"),
            "channel", str("WEB"), "email", str("nul.consent@example.org"), "accountId", str("acct-nul-consent")));
        if (nul) {
          body.put(field, nul(((Bad) body.get(field)).json()));
        }
        return consent(body);
      }
      case "join page" -> {
        String version = http.getForObject(baseUrl() + "/api/privacy/incentives/rewards", JsonNode.class).path("version").asText();
        Map<String, Object> values = new LinkedHashMap<>(Map.of("email", str("nul.join@example.org"), "agree", str("yes"),
            "noticeVersion", str(version)));
        if (nul) {
          values.put(field, nul(((Bad) values.get(field)).json()));
        }
        return form("/privacy/incentives/rewards/join", values);
      }
      case "engine-rest start" -> {
        String valid = field.equals("email") ? "nul.rest@example.org" : "Jane Doe";
        return engineStart(field, nul ? nul(valid) : str(valid));
      }
      default -> throw new IllegalArgumentException(entry);
    }
  }

  static Stream<Arguments> brokenMultipartAtEveryMultipartEndpoint() {
    List<Arguments> all = new ArrayList<>();
    for (String endpoint : List.of("agent-permission upload", "intake API", "know page", "delete page", "correct page",
        "do-not-sell page", "limit page", "incentive withdrawal page", "confirmation page")) {
      for (String broken : List.of("no boundary", "empty boundary", "truncated body")) {
        all.add(Arguments.of(endpoint, broken));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("brokenMultipartAtEveryMultipartEndpoint")
  void aBrokenMultipartBodyIsA400(String endpoint, String broken) throws Exception {
    String path = switch (endpoint) {
      case "agent-permission upload" -> {
        JsonNode agentCase = api(Map.of("type", str("KNOW_CATEGORIES"), "email", str("broken.multipart@example.org"),
            "agent", Map.of("name", str("Pat Agent"), "permission", true))).getBody();
        yield agentCase.path("agentPermissionUploadUrl").asText();
      }
      case "intake API" -> "/api/privacy/requests";
      case "know page" -> "/privacy/know";
      case "delete page" -> "/privacy/delete";
      case "correct page" -> "/privacy/correct";
      case "do-not-sell page" -> "/privacy/do-not-sell";
      case "limit page" -> "/privacy/limit";
      case "incentive withdrawal page" -> WITHDRAW_PAGE;
      case "confirmation page" -> "/privacy/verify/CCPA-20261124-0000BEEF";
      default -> throw new IllegalArgumentException(endpoint);
    };
    byte[] body = multipart("xyzzy", Map.of("email", str("broken.multipart@example.org")), false);
    String contentType = switch (broken) {
      case "no boundary" -> "multipart/form-data";
      case "empty boundary" -> "multipart/form-data; boundary=";
      case "truncated body" -> "multipart/form-data; boundary=xyzzy";
      default -> throw new IllegalArgumentException(broken);
    };
    int before = cases();
    HttpResponse<String> response = rawPost(path, contentType, body);
    if (endpoint.equals("intake API")) {
      // the endpoint takes JSON only: a multipart body is refused as unreadable or as the wrong type
      assertThat(response.statusCode()).as(response.body()).isIn(400, 415);
    } else {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }
    MediaType type = MediaType.parseMediaType(response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow());
    if (path.startsWith("/api/")) {
      assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("%s", type).isTrue();
      assertThat(response.body()).doesNotContain("Exception");
    } else {
      assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).as("%s", type).isTrue();
      assertThat(response.body()).contains("role=\"alert\"").contains("could not read");
    }
    assertThat(cases()).as("nothing stored").isEqualTo(before);
  }

  /** Through Java's own client: Spring's would refuse to send a malformed content type. */
  private HttpResponse<String> rawPost(String path, String contentType, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header(HttpHeaders.CONTENT_TYPE, contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  // --- the table's values ---------------------------------------------------------------------

  static Bad str(String value) {
    return text(value, value);
  }

  static Bad text(String label, String value) {
    return new Bad(label, loose(value), jsonContent(value));
  }

  static Bad raw(String label, String before, int invalidByte, String after) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    bytes.write(invalidByte);
    bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return new Bad(label, bytes.toByteArray(), null);
  }

  static Bad nul(String valid) {
    int middle = valid.indexOf('@') > 0 ? valid.indexOf('@') - 1 : Math.max(1, valid.length() / 2);
    return text("NUL", valid.substring(0, middle) + "\u0000" + valid.substring(middle));
  }

  /**
   * UTF-8 as a careless encoder writes it: an unpaired surrogate becomes the three bytes of its
   * code unit, which no valid UTF-8 decoder accepts.
   */
  static byte[] loose(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    value.codePoints().forEach(cp -> {
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xc0 | cp >> 6);
        out.write(0x80 | cp & 0x3f);
      } else if (cp < 0x10000) {
        out.write(0xe0 | cp >> 12);
        out.write(0x80 | cp >> 6 & 0x3f);
        out.write(0x80 | cp & 0x3f);
      } else {
        out.write(0xf0 | cp >> 18);
        out.write(0x80 | cp >> 12 & 0x3f);
        out.write(0x80 | cp >> 6 & 0x3f);
        out.write(0x80 | cp & 0x3f);
      }
    });
    return out.toByteArray();
  }

  static String jsonContent(String value) {
    StringBuilder s = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else if (c < 0x20 || c >= 0x7f) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  static String percent(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
        s.append((char) c);
      } else {
        s.append(String.format("%%%02X", c));
      }
    }
    return s.toString();
  }

  private static String goodQueryValue(String field) {
    return switch (field) {
      case "email" -> "nul.query@example.org";
      case "deviceId" -> "device-nul-0001";
      case "accountId" -> "account-nul-1";
      case "phone" -> "310-555-0100";
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** A valid body for the request type the field belongs to, with every field the table names. */
  private static Map<String, Object> apiBody(String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (field.startsWith("dataPoints.") || field.startsWith("declaration.")) {
      body.put("type", str("KNOW_SPECIFIC"));
      body.put("email", str("nul.api@example.org"));
      body.put("dataPoints", new LinkedHashMap<>(Map.of("postalCode", str("90401"))));
      body.put("declaration", new LinkedHashMap<>(Map.of("signedName", str("Jane Doe"), "accepted", true)));
    } else if (field.startsWith("appeal.")) {
      body.put("type", str("ADMT_APPEAL"));
      body.put("email", str("nul.api@example.org"));
      body.put("appeal", new LinkedHashMap<>(Map.of("use", str("credit-line"), "decision", str("12"),
          "statement", str("The review missed my on-time payments."))));
    } else if (field.startsWith("corrections.")) {
      body.put("type", str("CORRECT"));
      body.put("email", str("nul.api@example.org"));
      body.put("corrections", new LinkedHashMap<>(Map.of("city", str("Fresno"))));
    } else {
      body.put("type", str("OPT_OUT_ALL"));
      body.put("email", str("nul.api@example.org"));
      body.put("name", str("Jane Doe"));
      body.put("phone", str("310-555-0100"));
      body.put("deviceId", str("device-nul-0001"));
      body.put("accountId", str("account-nul-1"));
      body.put("agent", new LinkedHashMap<>(Map.of("name", str("Pat Agent"), "permission", true)));
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withNul(Map<String, Object> body, String field) {
    String[] path = field.split("\\.");
    Map<String, Object> target = path.length == 1 ? body : (Map<String, Object>) body.get(path[0]);
    String name = path[path.length - 1];
    target.put(name, nul(((Bad) target.get(name)).json()));
    return body;
  }

  // --- the transports -------------------------------------------------------------------------

  /** A JSON body whose string values are {@link Bad}s, booleans and nested maps. */
  protected ResponseEntity<JsonNode> api(Map<String, Object> body) {
    return asJson(postBytes("/api/privacy/requests", MediaType.APPLICATION_JSON_VALUE, jsonBytes(body)));
  }

  private ResponseEntity<JsonNode> query(String path, String[] user, String name, Bad value) {
    ResponseEntity<String> response = http.withBasicAuth(user[0], user[1])
        .getForEntity(URI.create(baseUrl() + path + "?" + name + "=" + percent(value.bytes())), String.class);
    return asJson(response);
  }

  private ResponseEntity<String> engineStart(String variable, Bad value) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("type", Map.of("value", str("OPT_OUT_ALL"), "type", str("String")));
    if (!variable.equals("email")) {
      variables.put("email", Map.of("value", str("nul.rest@example.org"), "type", str("String")));
    }
    variables.put(variable, Map.of("value", value, "type", str("String")));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(engineUser()[0], engineUser()[1]).postForEntity(
        "/engine-rest/process-definition/key/opt-out/start",
        new HttpEntity<>(jsonBytes(Map.of("variables", variables)), headers), String.class);
  }

  private ResponseEntity<String> page(String path, Map<String, Object> values) {
    Map<String, Object> parts = new LinkedHashMap<>(values);
    if ("on".equals(asString(parts.get("asAgent")))) {
      parts.put("permissionFile", PDF);
    }
    String boundary = "----pcm-test-boundary";
    return postBytes(path, "multipart/form-data; boundary=" + boundary, multipart(boundary, parts, true));
  }

  private ResponseEntity<String> form(String path, Map<String, Object> values) {
    StringBuilder body = new StringBuilder();
    values.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=').append(percent(((Bad) value).bytes())));
    return postBytes(path, MediaType.APPLICATION_FORM_URLENCODED_VALUE, body.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static String asString(Object value) {
    return value instanceof Bad bad ? new String(bad.bytes(), StandardCharsets.UTF_8) : null;
  }

  /** Form fields as parts (a String value is a PDF file part), closed or cut off after the last part. */
  private static byte[] multipart(String boundary, Map<String, Object> parts, boolean closed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach((name, value) -> {
      out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
      if (value instanceof Bad bad) {
        out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bad.bytes());
      } else {
        out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"permission.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n" + value).getBytes(StandardCharsets.US_ASCII));
      }
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    });
    if (closed) {
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    } else {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.pdf\"\r\n"
          + "Content-Type: application/pdf\r\n\r\n%PDF-1.4 cut off").getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  protected ResponseEntity<String> postBytes(String path, String contentType, byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    return http.exchange(URI.create(baseUrl() + path), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  /** {@code POST /api/incentives/consents}, as a user who may record consents. */
  private ResponseEntity<String> consent(Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
    headers.setBasicAuth(engineUser()[0], engineUser()[1]);
    return http.exchange(URI.create(baseUrl() + "/api/incentives/consents"), HttpMethod.POST,
        new HttpEntity<>(jsonBytes(body), headers), String.class);
  }

  /** {@code POST /api/signals} of one signal, as a user who may forward signals. */
  private ResponseEntity<String> signals(Map<String, Object> signal) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
    headers.setBasicAuth(engineUser()[0], engineUser()[1]);
    return http.exchange(URI.create(baseUrl() + "/api/signals"), HttpMethod.POST,
        new HttpEntity<>(jsonBytes(Map.of("signals", List.of(signal))), headers), String.class);
  }

  /** JSON whose strings are written from each {@link Bad}'s JSON form, or its raw bytes. */
  private static byte[] jsonBytes(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeJson(out, value);
    return out.toByteArray();
  }

  private static void writeJson(ByteArrayOutputStream out, Object value) {
    if (value instanceof Bad bad) {
      out.write('"');
      out.writeBytes(bad.json() == null ? bad.bytes() : bad.json().getBytes(StandardCharsets.US_ASCII));
      out.write('"');
    } else if (value instanceof Map<?, ?> map) {
      out.write('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.write(',');
        }
        first = false;
        writeJson(out, str(e.getKey().toString()));
        out.write(':');
        writeJson(out, e.getValue());
      }
      out.write('}');
    } else if (value instanceof List<?> list) {
      out.write('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        writeJson(out, list.get(i));
      }
      out.write(']');
    } else {
      out.writeBytes(String.valueOf(value).getBytes(StandardCharsets.US_ASCII));
    }
  }

  private ResponseEntity<JsonNode> asJson(ResponseEntity<String> response) {
    try {
      JsonNode body = response.getBody() == null ? json.nullNode() : json.readTree(response.getBody());
      return new ResponseEntity<>(body, response.getHeaders(), response.getStatusCode());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON (" + response.getStatusCode() + "): " + response.getBody(), e);
    }
  }

  // --- the answers ----------------------------------------------------------------------------

  private static void assertProblem(ResponseEntity<JsonNode> response, String field) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    if (field != null) {
      assertThat(response.getBody().path("fields").has(field)).as("fields has %s in %s", field, response.getBody()).isTrue();
    }
  }

  private static void assertPage(ResponseEntity<String> response, String fieldId) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(response.getBody()).contains("role=\"alert\"").contains("href=\"#" + fieldId + "\"");
  }

  private static HttpStatus status(ResponseEntity<?> response) {
    return HttpStatus.valueOf(response.getStatusCode().value());
  }

  protected int cases() {
    return jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
  }

  protected static RequestId requestId(JsonNode accepted) {
    return new RequestId(accepted.path("requestId").asText());
  }
}
