package com.privacycasemanager.correction;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.Map;
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

/** {@code /privacy/correct} and the correction part of the staff case file. */
class CorrectPagesTest extends CaseTestSupport {

  static final Pattern REQUEST_ID = Pattern.compile("id=\"request-id\">(CCPA-[0-9]{8}-[0-9A-F]{8})<");

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired IntakeService intake;
  @Autowired ConnectedSystems systems;

  @Test
  void theFormOffersTheCorrectableFieldsAndRefusesMistakesFieldByField() {
    String page = http.getForObject("/privacy/correct", String.class);
    assertThat(page).contains("enctype=\"multipart/form-data\"").contains("<option value=\"postalCode\">Postal code</option>")
        .contains("id=\"field-1\"").doesNotContain("id=\"field-2\"").contains("id=\"document\"").contains("id=\"declare\"");

    ResponseEntity<String> bad = post(form("email", "nope", "rows", "2"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("There is a problem").contains("href=\"#field-0\"").contains("href=\"#email\"");

    ResponseEntity<String> tooLong = post(form("email", "page.correct@example.com", "rows", "2", "field-0", "city",
        "value-0", "x".repeat(201)));
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("href=\"#value-0\"").contains("longer than 200 characters");

    ResponseEntity<String> noValue = post(form("email", "page.correct@example.com", "rows", "2", "field-1", "city"));
    assertThat(noValue.getBody()).contains("href=\"#value-1\"");

    ResponseEntity<String> wrongFile = post(withFile(form("email", "page.correct@example.com", "rows", "2", "field-0", "city",
        "value-0", "Fresno"), "document", "notes.txt", MediaType.TEXT_PLAIN, "text".getBytes()));
    assertThat(wrongFile.getBody()).contains("href=\"#document\"");

    ResponseEntity<String> more = post(form("email", "page.correct@example.com", "rows", "2", "field-0", "city", "value-0", "Fresno",
        "action", "more"));
    assertThat(more.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(more.getBody()).contains("id=\"field-2\"").contains("value=\"Fresno\"").doesNotContain("There is a problem");
    assertThat(jdbc.queryForObject("select count(*) from privacy_case where subject_email = 'page.correct@example.com'", Integer.class)).isZero();
  }

  @Test
  void aRequestFromTheFormKeepsItsDocumentWhichReviewersOpenWithTheValuesInTheCaseFile() {
    long customer = 121;
    String email = DemoBusiness.customerEmail(customer);
    String heldPostal = shop().queryForObject("select postal_code from customers where id = ?", String.class, customer);
    byte[] pdf = "%PDF-1.4 utility bill".getBytes();
    ResponseEntity<String> done = post(withFile(form("email", email, "rows", "2", "field-0", "postalCode", "value-0", "94110",
        "declare", "on", "signedName", "Someone", "action", "send"), "document", "utility bill.pdf", MediaType.APPLICATION_PDF, pdf));
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    Matcher m = REQUEST_ID.matcher(done.getBody());
    assertThat(m.find()).isTrue();
    RequestId id = new RequestId(m.group(1));
    assertThat(jdbc.queryForObject("select requested_value from correction_field where request_id = ? and field = 'postalCode'",
        String.class, id.value())).isEqualTo("94110");

    String caseFile = http.withBasicAuth("reviewer", "reviewer").getForObject("/staff/cases/" + id.value(), String.class);
    assertThat(caseFile).contains("id=\"correction-postalCode\"").contains("94110")
        .contains("Online shop / customers: " + heldPostal).contains("Email marketing / subscribers: ")
        .contains("id=\"correction-document\"").contains("utility_bill.pdf");
    ResponseEntity<byte[]> document = http.withBasicAuth("reviewer", "reviewer")
        .getForEntity("/staff/cases/" + id.value() + "/correction-document", byte[].class);
    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(document.getBody()).isEqualTo(pdf);
    assertThat(http.getForEntity("/staff/cases/" + id.value() + "/correction-document", byte[].class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("adsystem", "adsystem").getForEntity("/staff/cases/" + id.value() + "/correction-document", byte[].class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void neverDisclosedValuesAreWithheldFromTheReviewerToo() {
    long customer = 122;
    String held = shop().queryForObject("select security_answer from customers where id = ?", String.class, customer);
    RequestId id = intake.submit(new IntakeRequest("CORRECT", DemoBusiness.customerEmail(customer), null, null, null,
        Map.of("security_answer", "My first dog Rex"), null, null, null, null), Channel.API, null).record().requestId();
    String caseFile = http.withBasicAuth("reviewer", "reviewer").getForObject("/staff/cases/" + id.value(), String.class);
    assertThat(caseFile).contains("id=\"correction-security_answer\"").contains("Online shop / customers: value withheld")
        .doesNotContain("My first dog Rex").doesNotContain(held);
  }

  JdbcTemplate shop() {
    return new JdbcTemplate(systems.dataSource("shop"));
  }

  static MultiValueMap<String, Object> form(String... pairs) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  static MultiValueMap<String, Object> withFile(MultiValueMap<String, Object> form, String name, String fileName, MediaType type, byte[] content) {
    HttpHeaders part = new HttpHeaders();
    part.setContentType(type);
    form.add(name, new HttpEntity<>(new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    }, part));
    return form;
  }

  ResponseEntity<String> post(MultiValueMap<String, Object> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.postForEntity("/privacy/correct", new HttpEntity<>(form, headers), String.class);
  }
}
