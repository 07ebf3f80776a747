package com.privacycasemanager.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The opt-out of ADMT as a consumer makes it, JavaScript off: from the Pre-use Notice's link to the
 * form, through a mistake, to the answer and the status page that confirms it (§7221(c), (h)).
 */
class AdmtOptOutBrowserTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aConsumerOptsOutOfOneUseFromTheNoticeAndConfirmsItOnTheStatusPage() throws Exception {
    recipients.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get(baseUrl() + "/privacy/admt");
    browser.findElement(By.cssSelector("#use-pay-later a.opt-out-link")).click();

    assertThat(browser.getTitle()).isEqualTo("Opt-out of Automated Decisionmaking Technology");
    assertThat(browser.findElement(By.id("scope-some")).isSelected()).as("the notice's link chose its use").isTrue();
    assertThat(browser.findElement(By.id("use-pay-later")).isSelected()).isTrue();
    assertThat(browser.findElement(By.id("use-credit-limit")).isSelected()).isFalse();

    // a mistake first: no email
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("Enter the email address you use with us");
    assertThat(browser.findElement(By.id("use-pay-later")).isSelected()).as("the choice is kept").isTrue();
    browser.findElement(By.cssSelector(".error-summary a[href='#email']")).click();
    browser.findElement(By.id("email")).sendKeys("browser.admt@example.com");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));
    BrowserSupport.screenshot(browser, "admt-opt-out-form.png");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo("Your opt-out is in effect");
    assertThat(browser.findElement(By.id("covered")).getText()).isEqualTo("Pay-later financing eligibility");
    String requestId = browser.findElement(By.id("request-id")).getText();
    assertThat(jdbc.queryForObject("select request_type || ' ' || status from privacy_case where request_id = ?", String.class, requestId))
        .isEqualTo("ADMT_OPT_OUT IN_EFFECT");

    caseJobs.runAsyncSteps(new RequestId(requestId));
    browser.findElement(By.id("status-link")).click();
    assertThat(browser.findElement(By.id("admt-in-effect")).getText()).startsWith("In effect since");
    assertThat(browser.findElement(By.id("admt-covered")).getText()).isEqualTo("Pay-later financing eligibility");
    assertThat(browser.findElement(By.id("admt-recipients")).getText()).contains("Service providers and contractors told to stop: 2");
    assertThat(browser.findElement(By.id("admt-do-not-ask")).getText()).startsWith("We will not ask you to allow it again before");
    BrowserSupport.screenshot(browser, "admt-opt-out-status.png");
  }
}
