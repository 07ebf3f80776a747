package com.privacycasemanager.browser;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A request to delete from end to end in real browsers: the consumer's form (no JavaScript), the
 * emailed link and its confirmation, the reviewer's Camunda Form in Tasklist (the preview and the
 * legal hold choices), and the final email and status page.
 */
class DeletionBrowserTest extends CaseTestSupport {

  static final Pattern LINK = Pattern.compile("(http://\\S+/privacy/verify/\\S+)");
  static final Pattern STATUS = Pattern.compile("(http://\\S+/privacy/requests/CCPA-\\S+\\?token=\\S+)");

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired CaseRepository cases;
  @Autowired ConnectedSystems systems;

  private ChromeDriver consumer;
  private ChromeDriver reviewer;

  @AfterEach
  void closeBrowsers() {
    if (consumer != null) {
      consumer.quit();
    }
    if (reviewer != null) {
      reviewer.quit();
    }
  }

  @Test
  void aConsumerAsksToDeleteConfirmsAndReadsWhatWasDeletedAfterTheReviewerApproved() throws Exception {
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource("shop"));
    // the demo's last customer: the deletion tests (erasure package) take theirs from 100 up
    long customer = 300;
    Map<String, Object> row = shop.queryForMap("select full_name, street, postal_code from customers where id = ?", customer);
    String email = DemoBusiness.customerEmail(customer);
    recipients.stubFor(post(urlEqualTo("/hooks/ad-network")).willReturn(aResponse().withStatus(200)));
    recipients.stubFor(post(urlEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(202)));

    consumer = BrowserSupport.withoutJavaScript(Map.of());
    consumer.get(baseUrl() + "/privacy/delete");
    consumer.findElement(By.id("email")).sendKeys(email);
    consumer.findElement(By.id("dp-name")).sendKeys((String) row.get("FULL_NAME"));
    consumer.findElement(By.id("dp-street")).sendKeys((String) row.get("STREET"));
    consumer.findElement(By.id("dp-postalCode")).sendKeys((String) row.get("POSTAL_CODE"));
    consumer.findElement(By.cssSelector("label[for=declare]")).click();
    consumer.findElement(By.id("signedName")).sendKeys((String) row.get("FULL_NAME"));
    BrowserSupport.screenshot(consumer, "right-to-delete-form.png");
    consumer.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(consumer.findElement(By.id("received")).getText()).isEqualTo("We received your request");
    RequestId id = new RequestId(consumer.findElement(By.id("request-id")).getText());

    caseJobs.runAsyncSteps(id);
    consumer.get(baseUrl() + BrowserSupport.path(BrowserSupport.find(LINK, BrowserSupport.lastMailTo(mail, email))));
    WebElement confirm = consumer.findElement(By.id("confirm"));
    confirm.click();
    new WebDriverWait(consumer, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(confirm));
    assertThat(consumer.findElement(By.id("verify-title")).getText()).isEqualTo("Thank you: your request is confirmed");
    caseJobs.runAsyncSteps(id);

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewDeletion").singleResult();
    assertThat(review).isNotNull();
    reviewer = BrowserSupport.start(Map.of(), true);
    WebDriverWait wait = new WebDriverWait(reviewer, Duration.ofSeconds(30));
    reviewer.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + review.getId());
    BrowserSupport.loginToCamunda(reviewer, "reviewer", "reviewer");
    WebElement preview = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("textarea[id$='Field_DeletionPreview'], textarea[name='deletionPreview']")));
    wait.until(d -> preview.getAttribute("value") != null && preview.getAttribute("value").contains("rows deleted"));
    assertThat(preview.getAttribute("value")).contains("- customers: 1 row erased").doesNotContain(email);
    // the legal hold choices come from a JSON variable: Tasklist renders one checkbox per table
    wait.until(d -> !d.findElements(By.xpath("//label[contains(normalize-space(), 'Email marketing / subscribers')]")).isEmpty());
    BrowserSupport.claimApproveAndComplete(reviewer, "Preview checked; no hold needed.", "right-to-delete-review.png");
    wait.until(d -> tasks.createTaskQuery().taskId(review.getId()).count() == 0);

    caseJobs.runAsyncSteps(id);
    assertThat(shop.queryForObject("select count(*) from activity_log where customer_id = ?", Integer.class, customer)).isZero();
    assertThat(cases.get(id).outcome()).isIn(Outcome.FULFILLED, Outcome.PARTIAL);
    String outcome = BrowserSupport.lastMailTo(mail, email);
    assertThat(outcome).contains("What we deleted:").contains("We keep a record of this request");
    consumer.get(baseUrl() + BrowserSupport.path(BrowserSupport.find(STATUS, outcome)));
    assertThat(consumer.findElement(By.tagName("h1")).getText()).isEqualTo("Your privacy request");
    assertThat(consumer.findElement(By.id("deleted")).getText()).contains("deleted");
    BrowserSupport.screenshot(consumer, "right-to-delete-status.png");
  }
}
