package com.privacycasemanager.preference;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/** The consumer pages and the staff case file, without a browser: what they accept and refuse. */
class PreferencePagesTest extends CaseTestSupport {

  static final Pattern REQUEST_ID = Pattern.compile("id=\"request-id\">(CCPA-\\d{8}-[0-9A-F]{8})<");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired Secrets secrets;

  @Test
  void theFormsAreAccessibleHtmlWithoutScript() {
    for (String path : new String[] {"/privacy/do-not-sell", "/privacy/limit"}) {
      String html = http.getForObject(path, String.class);
      assertThat(html).contains("<html lang=\"en\">").contains("<label for=\"email\">").doesNotContain("<script");
    }
    assertThat(http.getForObject("/privacy/do-not-sell", String.class))
        .contains("<h1>Do Not Sell or Share My Personal Information</h1>").contains("<legend>");
    assertThat(http.getForObject("/privacy/limit", String.class)).contains("<h1>Limit the Use of My Sensitive Personal Information</h1>");
  }

  @Test
  void submittingTheFormOpensACaseAndConfirms() {
    ResponseEntity<String> done = post("/privacy/do-not-sell", "choice=sale&email=form.user%40example.com&name=Form+User");
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    Matcher id = REQUEST_ID.matcher(done.getBody());
    assertThat(id.find()).as(done.getBody()).isTrue();
    assertThat(jdbc.queryForObject(
            "select request_type || ' ' || channel || ' ' || subject_email from privacy_case where request_id = ?", String.class, id.group(1)))
        .isEqualTo("OPT_OUT_SALE WEB_FORM form.user@example.com");
  }

  @Test
  void badInputIsShownOnTheFormAndStoresNothing() {
    int before = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    ResponseEntity<String> noChoice = post("/privacy/do-not-sell", "email=not-an-email&name=" + "x".repeat(201));
    assertThat(noChoice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noChoice.getBody())
        .contains("role=\"alert\"")
        .contains("href=\"#choice\"")
        .contains("href=\"#email\"")
        .contains("href=\"#name\"")
        .contains("aria-invalid=\"true\"");
    assertThat(post("/privacy/do-not-sell", "choice=everything").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("/privacy/limit", "email=%3Cscript%3E").getBody()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).isEqualTo(before);
  }

  @Test
  void theStatusPageNeedsTheEmailedToken() {
    String id = REQUEST_ID.matcher(post("/privacy/limit", "email=status.page%40example.com").getBody()).results().findFirst().orElseThrow().group(1);
    String token = secrets.statusToken(new RequestId(id));
    ResponseEntity<String> ok = http.getForEntity("/privacy/requests/" + id + "?token=" + token, String.class);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ok.getBody()).contains(id).contains("LIMIT_SENSITIVE").doesNotContain("status.page@example.com");
    assertThat(http.getForEntity("/privacy/requests/" + id + "?token=nope", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/privacy/requests/" + id, String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/privacy/requests/nonsense?token=" + token, String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theCaseFileIsForStaffOnly() {
    String id = REQUEST_ID.matcher(post("/privacy/limit", "email=case.file%40example.com").getBody()).results().findFirst().orElseThrow().group(1);
    ResponseEntity<String> anonymous = http.getForEntity("/staff/cases/" + id, String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(http.withBasicAuth("adsystem", "adsystem").getForEntity("/staff/cases/" + id, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> reviewer = http.withBasicAuth("reviewer", "reviewer").getForEntity("/staff/cases/" + id, String.class);
    assertThat(reviewer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reviewer.getBody()).contains("case.file@example.com").contains("RECEIVED");
    assertThat(reviewer.getHeaders().getCacheControl()).isEqualTo("no-store");
    assertThat(http.withBasicAuth("officer", "officer").getForEntity("/staff/cases/CCPA-20200101-00000000", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> post(String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }
}
