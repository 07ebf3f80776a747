package com.privacycasemanager.datamap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.privacycasemanager.support.CaseTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /privacy/admt} and {@code /api/privacy/admt} over HTTP, from the test data map's pay-later use. */
class PreUseNoticePagesTest extends CaseTestSupport {

  @Autowired TestRestTemplate http;

  @Test
  void theNoticePageStatesEachElementAndLinksToTheRightsSection() {
    ResponseEntity<String> page = http.getForEntity("/privacy/admt", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody())
        .contains("<title>How we use automated decisionmaking")
        .contains("id=\"use-pay-later\"")
        .contains("<h2>Pay-later financing eligibility</h2>")
        .contains("A decision about <span>financial or lending services</span>")
        .contains("id=\"opt-out-pay-later\">Opt-out of Automated Decisionmaking Technology</h3>")
        .contains("payment in four")
        .contains("If you opt out")
        .contains("will not retaliate")
        .contains("href=\"/privacy#rights\"")
        .doesNotContain("id=\"appeal-pay-later\"");
  }

  @Test
  void theNoticeIsJsonForIntegrators() {
    JsonNode notice = http.getForObject("/api/privacy/admt", JsonNode.class);
    assertThat(notice.path("uses")).hasSize(3);
    JsonNode use = notice.path("uses").get(0);
    assertThat(use.path("id").asText()).isEqualTo("pay-later");
    assertThat(use.path("optOut").path("title").asText()).isEqualTo("Opt-out of Automated Decisionmaking Technology");
    assertThat(use.path("appeal").isNull() || use.path("appeal").isMissingNode()).as("no appeal where the opt-out is offered").isTrue();
    assertThat(use.path("howItWorks").path("parameters")).isNotEmpty();
    assertThat(notice.path("rightsSection").asText()).endsWith("/privacy#rights");
  }

  @Test
  void thePrivacyPolicyStatesTheAdmtRightsInItsRightsSection() {
    String policy = http.getForObject("/privacy", String.class);
    int rights = policy.indexOf("id=\"rights\"");
    assertThat(rights).isPositive();
    assertThat(policy.indexOf("Right to opt out of automated decisionmaking technology")).isGreaterThan(rights);
    assertThat(policy.indexOf("Right to access information about automated decisionmaking")).isGreaterThan(rights);
    assertThat(policy).contains("/privacy/admt");
  }
}
