package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.support.CaseTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The Pre-use Notice in a real browser without script: reached from the privacy policy, leading back to its rights section. */
class AdmtNoticeBrowserTest extends CaseTestSupport {

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aConsumerReadsHowPayLaterIsDecidedAndHowToOptOut() throws Exception {
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get(baseUrl() + "/privacy");
    assertThat(browser.findElement(By.id("rights")).getText()).isEqualTo("Your rights and how to use them");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Right to opt out of automated decisionmaking technology");

    browser.get(baseUrl() + "/privacy/admt");
    assertThat(browser.getTitle()).startsWith("How we use automated decisionmaking");
    WebElement use = browser.findElement(By.id("use-pay-later"));
    assertThat(use.findElement(By.tagName("h2")).getText()).isEqualTo("Pay-later financing eligibility");
    assertThat(use.findElement(By.id("opt-out-pay-later")).getText()).isEqualTo("Opt-out of Automated Decisionmaking Technology");
    assertThat(use.findElements(By.cssSelector(".opt-out-methods li"))).isNotEmpty();
    assertThat(use.findElements(By.cssSelector(".parameters li"))).hasSize(3);
    assertThat(use.findElement(By.cssSelector(".alternative")).isDisplayed()).isTrue();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 2200));
    BrowserSupport.screenshot(browser, "admt-notice.png");

    browser.findElement(By.id("rights-link")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/privacy#rights");
    assertThat(browser.getTitle()).startsWith("Privacy policy");
  }
}
