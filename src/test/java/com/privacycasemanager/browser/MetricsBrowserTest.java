package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.records.CaseRecordFixture;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The public metrics page in a real browser without script: reached from the privacy policy, a table and a chart. */
class MetricsBrowserTest extends CaseTestSupport {

  @Autowired JdbcTemplate jdbc;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theMetricsOf2023ShowAsATableAndAChartLinkedFromThePrivacyPolicy() throws Exception {
    CaseRecordFixture.load2023(jdbc);
    browser = BrowserSupport.withoutJavaScript(Map.of());

    browser.get(baseUrl() + "/privacy");
    browser.findElement(By.id("metrics-link")).click();
    int lastYear = Instant.now().atZone(ZoneId.of("America/Los_Angeles")).getYear() - 1;
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Privacy request metrics for " + lastYear);

    browser.get(baseUrl() + "/privacy/metrics/2023");
    assertThat(browser.getTitle()).isEqualTo("Privacy request metrics 2023");
    WebElement delete = browser.findElement(By.id("row-DELETE"));
    assertThat(cells(delete)).containsExactly("4", "1", "1", "2", "0", "1", "1", "0", "0", "10.0", "13.1");
    assertThat(cells(browser.findElement(By.id("row-KNOW"))))
        .containsExactly("6", "2", "1", "2", "1", "0", "0", "1", "1", "20.5", "19.9");
    assertThat(cells(browser.findElement(By.id("row-LIMIT"))).subList(9, 11)).containsExactly("—", "—");

    WebElement chart = browser.findElement(By.id("chart"));
    assertThat(chart.isDisplayed()).isTrue();
    assertThat(chart.getSize().getHeight()).isGreaterThan(100);
    List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
    // five request groups, four bars each: received, whole, part, denied
    assertThat(bars).hasSize(20);
    assertThat(bars.subList(0, 4)).extracting(b -> b.getAttribute("data-value")).containsExactly("6", "2", "1", "2");
    // the tallest bar is the largest figure: 6 requests to know received
    int know = Integer.parseInt(bars.get(0).getAttribute("height"));
    int deleteReceived = Integer.parseInt(bars.get(4).getAttribute("height"));
    assertThat(know).isGreaterThan(deleteReceived).isGreaterThan(0);
    // tall enough for the table and the chart in one screenshot
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1300));
    BrowserSupport.screenshot(browser, "metrics-2023.png");

    browser.findElement(By.id("previous-year")).click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Privacy request metrics for 2022");
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }
}
