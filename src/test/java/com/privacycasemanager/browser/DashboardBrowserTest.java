package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.support.DemoOfficeTestSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff dashboard of the seeded demo office in a real browser without JavaScript, logged in as
 * the privacy officer, on the day the office was seeded; a screenshot is kept.
 */
class DashboardBrowserTest extends DemoOfficeTestSupport {

  @Autowired JdbcTemplate jdbc;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theOfficerReadsTheOfficeInPlainWordsAndSortsItByDueDate() throws Exception {
    ClockUtil.setCurrentTime(Date.from(SEEDED_AT));
    String basic = "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8));
    browser = BrowserSupport.start(Map.of("Authorization", basic), false);

    browser.get(baseUrl() + "/staff/dashboard");
    assertThat(browser.getTitle()).isEqualTo("Privacy cases: dashboard");
    String page = browser.findElement(By.tagName("body")).getText();
    assertThat(browser.findElement(By.id("open-cases")).getText())
        .contains("Right to delete").contains("Right to know (specific pieces)").contains("In review").contains("Verifying identity");
    for (String raw : enumNamesThatAreNotWords()) {
      assertThat(page).as("the page names no enum constant").doesNotContainPattern("\\b" + raw + "\\b");
    }
    assertThat(browser.findElement(By.id("now")).getText()).isEqualTo("Nov 16, 2026, 10:00 AM PST");

    WebElement overdue = browser.findElement(By.cssSelector("#overdue tr[data-request-id='" + received(50) + "']"));
    assertThat(overdue.getText()).contains("Right to delete").contains("In review")
        .contains("Sep 27, 2026, 10:00 AM PDT").contains("Nov 10, 2026, 11:59 PM PST").contains("6 days overdue")
        .contains("Resolve overdue response");
    WebElement extensionDue = browser.findElement(By.cssSelector("#due-soon tr[data-request-id='" + received(40) + "']"));
    assertThat(extensionDue.getText()).contains("Right to know (categories)").contains("Nov 20, 2026, 11:59 PM PST")
        .contains("4 days left").contains("Decide on extension");
    WebElement extended = browser.findElement(By.cssSelector("#extended tr[data-request-id='" + received(38) + "']"));
    assertThat(extended.getText()).contains("Portability").contains("Jan 6, 2027, 11:59 PM PST").contains("(extended)")
        .contains("51 days left");
    assertThat(browser.findElement(By.id("answered")).getText()).contains("Right to correct").contains("Fulfilled");
    assertThat(browser.findElement(By.id("unacknowledged")).getText()).contains("To notify by hand");
    assertThat(dues("open-list")).hasSizeGreaterThan(5).isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(browser.findElement(By.id("records-export")).isDisplayed()).isTrue();
    BrowserSupport.fullPageScreenshot(browser, "dashboard.png");

    browser.findElement(By.cssSelector("#open-list th.due a")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/staff/dashboard?sort=-due");
    assertThat(dues("open-list")).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(dues("overdue")).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(browser.findElement(By.cssSelector("#open-list th.due")).getAttribute("aria-sort")).isEqualTo("descending");
    browser.findElement(By.cssSelector("#open-list th.due a")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/staff/dashboard?sort=due");
    assertThat(dues("open-list")).isSortedAccordingTo(Comparator.naturalOrder());

    String id = received(38);
    browser.findElement(By.cssSelector("#open-list tr[data-request-id='" + id + "']")).findElement(By.linkText(id)).click();
    assertThat(browser.getTitle()).isEqualTo("Case " + id);
  }

  /** The request id of the demo case received {@code days} days before the seeding. */
  private String received(int days) {
    return jdbc.queryForObject("select request_id from privacy_case where received_at = ?", String.class,
        Timestamp.from(daysBeforeSeeding(days)));
  }

  private List<Instant> dues(String table) {
    List<Instant> dues = new ArrayList<>();
    for (WebElement row : browser.findElements(By.cssSelector("#" + table + " tbody tr[data-due]"))) {
      dues.add(Instant.parse(row.getAttribute("data-due")));
    }
    return dues;
  }

  /** Constants whose label does not use the constant's own word (an acronym such as API may stay). */
  private static List<String> enumNamesThatAreNotWords() {
    List<String> names = new ArrayList<>();
    add(names, RequestType.values(), RequestType::label);
    add(names, CaseStatus.values(), CaseStatus::label);
    add(names, Channel.values(), Channel::label);
    add(names, Outcome.values(), Outcome::label);
    add(names, DeliveryStatus.values(), DeliveryStatus::label);
    return names;
  }

  private static <E extends Enum<E>> void add(List<String> names, E[] values, Function<E, String> label) {
    Stream.of(values).filter(v -> !label.apply(v).contains(v.name())).forEach(v -> names.add(v.name()));
  }
}
