package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.support.CaseTestSupport;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Notice of Financial Incentive in a real browser without script: reached from the privacy
 * policy, read field by field, and the join form it leads to.
 */
class IncentiveBrowserTest extends CaseTestSupport {

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aConsumerReadsTheNoticeFromThePolicyAndAsksToJoin() throws Exception {
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get(baseUrl() + "/privacy");
    assertThat(browser.findElement(By.id("non-discrimination")).getText())
        .isEqualTo("Your right to non-discrimination, and financial incentives");
    browser.findElement(By.cssSelector("a.incentive-notice-link")).click();

    assertThat(browser.getCurrentUrl()).endsWith("/privacy/incentives/rewards");
    assertThat(browser.getTitle()).startsWith("Notice of Financial Incentive: Example Shop Rewards");
    WebElement notice = browser.findElement(By.id("program-rewards"));
    assertThat(notice.findElement(By.cssSelector(".summary")).getText()).startsWith("Free to join");
    assertThat(notice.findElements(By.cssSelector(".material-terms li"))).hasSize(5);
    assertThat(notice.findElements(By.cssSelector(".categories li"))).extracting(WebElement::getText)
        .contains("Identifiers", "Commercial information");
    assertThat(notice.findElement(By.cssSelector(".incentive-value")).getText()).isEqualTo("$18.00");
    assertThat(notice.findElement(By.cssSelector(".value-estimate")).getText()).isEqualTo("$24.00");
    assertThat(notice.findElement(By.cssSelector(".value-citation")).getText()).isEqualTo("11 CCR §7081(a)(2)");
    assertThat(notice.findElements(By.cssSelector(".value-inputs dt"))).hasSize(4);
    assertThat(notice.findElement(By.cssSelector(".how-to-withdraw")).getText()).contains("at any time");
    assertThat(notice.findElement(By.cssSelector(".withdraw-link")).getAttribute("href")).endsWith("/privacy/incentives/rewards/withdraw");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 2600));
    BrowserSupport.screenshot(browser, "incentive-notice.png");

    notice.findElement(By.cssSelector(".join-link")).click();
    assertThat(browser.getTitle()).startsWith("Join Example Shop Rewards");
    browser.findElement(By.id("email")).sendKeys("browser.joiner@example.com");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.findElement(By.id("agree-error")).getText()).contains("Tick the box");
    assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("browser.joiner@example.com");
    browser.findElement(By.id("agree")).click();
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.findElement(By.id("sent")).getText()).isEqualTo("Check your email");
    assertThat(mail.getReceivedMessagesForDomain("browser.joiner@example.com")).hasSize(1);
  }

  @Test
  void aMemberWithdrawsOnThePageTheNoticeLinksTo() throws Exception {
    recipients.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/hooks/.*"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
    browser = BrowserSupport.withoutJavaScript(Map.of());
    browser.get(baseUrl() + "/privacy/incentives/rewards");
    BrowserSupport.clickToNextPage(browser, By.cssSelector(".withdraw-link"));
    assertThat(browser.getCurrentUrl()).endsWith("/privacy/incentives/rewards/withdraw");
    BrowserSupport.clickToNextPage(browser, By.cssSelector("button[type=submit]"));
    assertThat(browser.findElement(By.cssSelector(".error-summary")).getText()).contains("There is a problem");
    browser.findElement(By.id("email")).sendKeys("browser.member@example.com");
    // the form page has a main too: read only once it is gone (a stale element otherwise, seen in CI)
    BrowserSupport.clickToNextPage(browser, By.cssSelector("button[type=submit]"));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Example Shop Rewards");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));
    BrowserSupport.screenshot(browser, "incentive-withdrawn.png");
    BrowserSupport.clickToNextPage(browser, By.id("status-link"));
    assertThat(browser.getCurrentUrl()).contains("/privacy/requests/").contains("token=");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Example Shop Rewards");
    BrowserSupport.screenshot(browser, "incentive-withdrawal-status.png");
  }
}
