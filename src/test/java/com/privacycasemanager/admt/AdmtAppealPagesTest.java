package com.privacycasemanager.admt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * {@code /privacy/admt/appeal} over HTTP: the form, an appeal with a document as the use's
 * reviewer reads it on the case file, and every mistake refused with nothing stored.
 */
class AdmtAppealPagesTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConnectedSystems systems;
  @Autowired DemoBusiness demo;
  @Autowired Secrets secrets;

  @Test
  void theFormOffersTheAppealableUsesAndTheNoticeLinksToIt() {
    String form = http.getForObject("/privacy/admt/appeal?use=credit-line", String.class);
    assertThat(form).contains("<title>Appeal an automated decision</title>")
        .contains("id=\"appealUse-credit-line\" value=\"credit-line\" checked")
        .doesNotContain("appealUse-pay-later")
        .contains("name=\"appealDocument\"").doesNotContain("<script");
    assertThat(http.getForObject("/privacy/admt", String.class)).contains("href=\"/privacy/admt/appeal?use=credit-line\"");
  }

  @Test
  void anAppealWithADocumentIsOnTheCaseFileForTheUsesReviewersOnly() {
    DemoBusiness.DemoConsumer alex = demo.consumer(systems, 1);
    long review = new JdbcTemplate(systems.dataSource("shop")).queryForObject(
        "select min(id) from credit_line_reviews where customer_id = 1", Long.class);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("appealUse", "credit-line");
    form.add("appealDecision", String.valueOf(review));
    form.add("appealStatement", "The review ignored my on-time payments.");
    form.add("email", alex.email());
    form.add("name", alex.name());
    form.add("dp-postalCode", alex.dataPoints().get("postalCode"));
    form.add("dp-street", alex.dataPoints().get("street"));
    form.add("appealDocument", file("bank-statement.pdf", "application/pdf", "%PDF-1.4 statement"));
    ResponseEntity<String> received = post(form);
    assertThat(received.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(received.getBody()).contains("We received your request");
    String id = match(received.getBody(), "id=\"request-id\">([^<]+)<");
    assertThat(jdbc.queryForObject("select request_type || ' ' || channel from privacy_case where request_id = ?", String.class, id))
        .isEqualTo("ADMT_APPEAL WEB_FORM");
    caseJobs.runAsyncSteps(new RequestId(id));

    String file = http.withBasicAuth("credit", "credit").getForObject("/staff/cases/" + id, String.class);
    assertThat(file).contains("Appeal of an automated decision").contains("Pay-later credit line review")
        .contains("The review ignored my on-time payments.")
        .contains("id=\"appeal-decision-key\">" + review + "<")
        .contains("change of the credit line")
        .contains("href=\"/staff/cases/" + id + "/appeal-document\"");
    ResponseEntity<byte[]> document = http.withBasicAuth("credit", "credit").getForEntity("/staff/cases/" + id + "/appeal-document", byte[].class);
    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(document.getBody())).isEqualTo("%PDF-1.4 statement");
    assertThat(document.getHeaders().getContentDisposition().getFilename()).isEqualTo("bank-statement.pdf");
    // the credit team reads only the cases of its appeals
    String other = jdbc.queryForObject("select max(request_id) from privacy_case where request_type <> 'ADMT_APPEAL'", String.class);
    if (other != null) {
      assertThat(http.withBasicAuth("credit", "credit").getForEntity("/staff/cases/" + other, String.class).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.withBasicAuth("adsystem", "adsystem").getForEntity("/staff/cases/" + id + "/appeal-document", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void eachMistakeIsExplainedOnTheFieldAndNothingIsStored() {
    int before = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    MultiValueMap<String, Object> noUse = base();
    noUse.remove("appealUse");
    assertMistake(post(noUse), "appealUse");
    MultiValueMap<String, Object> optOutUse = base();
    optOutUse.set("appealUse", "pay-later");
    assertMistake(post(optOutUse), "appealUse");
    MultiValueMap<String, Object> noStatement = base();
    noStatement.set("appealStatement", " ");
    assertMistake(post(noStatement), "appealStatement");
    MultiValueMap<String, Object> longStatement = base();
    longStatement.set("appealStatement", "x".repeat(4001));
    assertMistake(post(longStatement), "appealStatement");
    MultiValueMap<String, Object> badFile = base();
    badFile.add("appealDocument", file("run.exe", "application/x-msdownload", "MZ"));
    assertMistake(post(badFile), "appealDocument");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).isEqualTo(before);
    assertThat(jdbc.queryForObject("select count(*) from admt_appeal a where not exists"
        + " (select 1 from privacy_case c where c.request_id = a.request_id)", Integer.class)).isZero();
  }

  @Test
  void theApiRefusesAnAppealItCannotTakeByField() {
    int before = jdbc.queryForObject("select count(*) from privacy_case", Integer.class);
    assertProblem(api("{\"type\":\"ADMT_APPEAL\",\"email\":\"a@example.com\"}"), "appeal");
    assertProblem(api("{\"type\":\"ADMT_APPEAL\",\"email\":\"a@example.com\",\"appeal\":{\"use\":\"pay-later\",\"statement\":\"x\"}}"),
        "appeal.use");
    assertProblem(api("{\"type\":\"ADMT_APPEAL\",\"email\":\"a@example.com\",\"appeal\":{\"use\":\"credit-line\"}}"), "appeal.statement");
    assertProblem(api("{\"type\":\"ADMT_APPEAL\",\"email\":\"a@example.com\",\"appeal\":{\"use\":\"credit-line\",\"statement\":\"x\","
        + "\"decision\":\"" + "9".repeat(101) + "\"}}"), "appeal.decision");
    assertProblem(api("{\"type\":\"DELETE\",\"email\":\"a@example.com\",\"appeal\":{\"use\":\"credit-line\",\"statement\":\"x\"}}"), "appeal");
    assertProblem(api("{\"type\":\"ADMT_APPEAL\",\"email\":\"a@example.com\",\"appeal\":\"credit-line\"}"), null);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).isEqualTo(before);
    // and an engine-rest start, which could carry none of it
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("demo", "demo").postForEntity("/engine-rest/process-definition/key/admt-appeal/start",
        new HttpEntity<>("{\"variables\":{\"email\":{\"value\":\"a@example.com\"}}}", json), String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.queryForObject("select count(*) from privacy_case", Integer.class)).isEqualTo(before);
  }

  private MultiValueMap<String, Object> base() {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("appealUse", "credit-line");
    form.add("appealStatement", "It is wrong.");
    form.add("email", "mistake@example.com");
    form.add("dp-postalCode", "90401");
    form.add("dp-street", "12 Ocean Avenue");
    return form;
  }

  private ResponseEntity<String> post(MultiValueMap<String, Object> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity("/privacy/admt/appeal", new HttpEntity<>(form, headers), String.class);
  }

  private ResponseEntity<JsonNode> api(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity("/api/privacy/requests", new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static HttpEntity<ByteArrayResource> file(String name, String type, String content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(type));
    return new HttpEntity<>(new ByteArrayResource(content.getBytes()) {
      @Override
      public String getFilename() {
        return name;
      }
    }, headers);
  }

  private static void assertMistake(ResponseEntity<String> response, String field) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("role=\"alert\"").contains("href=\"#" + field + "\"");
  }

  private static void assertProblem(ResponseEntity<JsonNode> response, String field) {
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    if (field != null) {
      assertThat(response.getBody().path("fields").has(field)).as("fields has %s in %s", field, response.getBody()).isTrue();
    }
  }

  private static String match(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as("%s in page", regex).isTrue();
    return m.group(1);
  }
}
