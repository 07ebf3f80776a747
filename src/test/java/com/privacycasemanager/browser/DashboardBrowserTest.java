package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeRequest;
import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** The staff dashboard in a real browser, logged in as the privacy officer; a screenshot is kept. */
class DashboardBrowserTest extends CaseTestSupport {

  @Autowired IntakeService intake;
  @Autowired com.privacycasemanager.request.CaseRepository cases;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theOfficerSeesTheOpenCaseAndOpensItsCaseFile() throws Exception {
    RequestId id = intake.submit(
        new IntakeRequest("OPT_OUT_SALE", "dashboard.browser@example.com", null, null, null, null, null, null, null, null), Channel.API, null)
        .record().requestId();
    // two days before the case's due date: it is listed as due within 7 days
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(cases.get(id).dueAt().minusSeconds(2 * 24 * 3600)));
    String basic = "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8));
    browser = BrowserSupport.start(Map.of("Authorization", basic), false);

    browser.get(baseUrl() + "/staff/dashboard");
    assertThat(browser.getTitle()).isEqualTo("Privacy cases: dashboard");
    assertThat(browser.findElement(By.id("open-cases")).getText()).contains("OPT_OUT_SALE");
    var row = browser.findElement(By.cssSelector("#due-soon tr[data-request-id='" + id.value() + "']"));
    assertThat(row.findElement(By.cssSelector("a.tasklist")).getAttribute("href")).contains("/camunda/app/tasklist/default/#/?");
    assertThat(row.findElement(By.cssSelector("a.cockpit")).getAttribute("href")).contains("/camunda/app/cockpit/default/#/process-instance/");
    assertThat(browser.findElement(By.id("records-export")).isDisplayed()).isTrue();
    BrowserSupport.screenshot(browser, "dashboard.png");

    row.findElement(By.linkText(id.value())).click();
    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("IN_EFFECT");
    assertThat(browser.getTitle()).isEqualTo("Case " + id.value());
  }
}
