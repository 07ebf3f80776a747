package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.support.CaseTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The consumer pages in a real browser, as a consumer uses them: no script, keyboard-reachable labels. */
class DoNotSellBrowserTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aConsumerOptsOutThroughTheFormAndSeesTheConfirmation() throws Exception {
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get("data:text/html,<p id=probe>off</p><script>document.getElementById('probe').textContent='on'</script>");
    assertThat(browser.findElement(By.id("probe")).getText()).as("page scripts do not run").isEqualTo("off");
    browser.get(baseUrl() + "/privacy/do-not-sell");
    assertThat(browser.getTitle()).isEqualTo("Do Not Sell or Share My Personal Information");
    assertThat(browser.getPageSource()).doesNotContain("Opt-Out Request Honored");

    browser.findElement(By.cssSelector("label[for=choice-both]")).click();
    browser.findElement(By.id("email")).sendKeys("browser.user@example.com");
    browser.findElement(By.id("name")).sendKeys("Browser User");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo("Your request is in effect");
    String requestId = browser.findElement(By.id("request-id")).getText();
    assertThat(requestId).matches("CCPA-\\d{8}-[0-9A-F]{8}");
    assertThat(jdbc.queryForObject(
            "select request_type || ' ' || channel || ' ' || status from privacy_case where request_id = ? and subject_email = ?",
            String.class, requestId, "browser.user@example.com"))
        .isEqualTo("OPT_OUT_ALL WEB_FORM IN_EFFECT");

    // the same browser, back on the page, is told its opt-out is honored
    browser.get(baseUrl() + "/privacy/do-not-sell");
    assertThat(browser.findElement(By.id("opt-out-honored")).getText()).startsWith("Opt-Out Request Honored");
  }

  @Test
  void aMistakeIsExplainedAndTheSummaryLeadsToTheField() throws Exception {
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get(baseUrl() + "/privacy/do-not-sell");
    browser.findElement(By.id("email")).sendKeys("no-at-sign");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Enter an email address");
    assertThat(browser.findElement(By.id("choice-both")).isSelected()).as("the choice is kept").isTrue();
    browser.findElement(By.cssSelector("[role=alert] a[href='#email']")).click();
    assertThat(browser.getCurrentUrl()).endsWith("#email");
    assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("no-at-sign");
  }

  @Test
  void aBrowserSendingGlobalPrivacyControlIsToldItsOptOutIsHonored() throws Exception {
    browser = BrowserSupport.withoutJavaScript(Map.of("Sec-GPC", "1"));
    browser.get(baseUrl() + "/privacy/limit");
    assertThat(browser.findElement(By.id("opt-out-honored")).getText()).startsWith("Opt-Out Request Honored");
    String device = browser.manage().getCookieNamed("pcm_device").getValue();
    assertThat(jdbc.queryForObject(
            "select count(*) from opt_out_signal where device_id = ? and source = 'PAGE'", Integer.class, device))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject(
            "select count(*) from privacy_case where subject_device_id = ?", Integer.class, device))
        .as("a browser not known as a consumer is a record, not a case")
        .isZero();
  }
}
