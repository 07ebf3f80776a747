package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.Outcome;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import com.privacycasemanager.support.Zips;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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

/**
 * A request to know from end to end in real browsers: the consumer's form (no JavaScript), the
 * emailed link and its confirmation, the reviewer's Camunda Form in Tasklist, and the download.
 */
class RightToKnowBrowserTest extends CaseTestSupport {

  static final Pattern LINK = Pattern.compile("(http://\\S+/privacy/verify/\\S+)");
  static final Pattern DOWNLOAD = Pattern.compile("(http://\\S+/privacy/requests/\\S+/download\\?token=\\S+)");

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired CaseRepository cases;

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
  void aConsumerAsksConfirmsByEmailAndDownloadsWhatTheReviewerReleased() throws Exception {
    consumer = BrowserSupport.withoutJavaScript(Map.of());
    consumer.get(baseUrl() + "/privacy/know");
    consumer.findElement(By.cssSelector("label[for=kind-specific]")).click();
    consumer.findElement(By.id("email")).sendKeys("alex.rivera@example.com");
    consumer.findElement(By.id("name")).sendKeys("Alex Rivera");
    consumer.findElement(By.id("dp-name")).sendKeys("Alex Rivera");
    consumer.findElement(By.id("dp-postalCode")).sendKeys("90401");
    consumer.findElement(By.id("dp-street")).sendKeys("12 Ocean Avenue");
    consumer.findElement(By.cssSelector("label[for=declare]")).click();
    consumer.findElement(By.id("signedName")).sendKeys("Alex Rivera");
    consumer.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(consumer.findElement(By.id("received")).getText()).isEqualTo("We received your request");
    RequestId id = new RequestId(consumer.findElement(By.id("request-id")).getText());

    caseJobs.runAsyncSteps(id);
    String link = BrowserSupport.find(LINK, BrowserSupport.lastMailTo(mail, "alex.rivera@example.com"));
    // links carry privacy.public-base-url; this run serves on a random port
    consumer.get(baseUrl() + BrowserSupport.path(link));
    assertThat(cases.get(id).status().name()).as("opening the link confirms nothing").isEqualTo("VERIFYING");
    WebElement confirm = consumer.findElement(By.id("confirm"));
    confirm.click();
    // the answer page reuses the heading's id: wait for the old page to go first
    new WebDriverWait(consumer, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(confirm));
    assertThat(consumer.findElement(By.id("verify-title")).getText()).isEqualTo("Thank you: your request is confirmed");
    caseJobs.runAsyncSteps(id);

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewDisclosure").singleResult();
    assertThat(review).isNotNull();
    reviewer = BrowserSupport.start(Map.of(), true);
    WebDriverWait wait = new WebDriverWait(reviewer, Duration.ofSeconds(30));
    reviewer.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + review.getId());
    BrowserSupport.loginToCamunda(reviewer, "reviewer", "reviewer");
    WebElement summary = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("textarea[id$='Field_ReviewSummary'], textarea[name='reviewSummary']")));
    wait.until(d -> summary.getAttribute("value") != null && summary.getAttribute("value").contains("rows in"));
    assertThat(summary.getAttribute("value")).contains("Online shop / customers: 1 row").doesNotContain("alex.rivera");
    BrowserSupport.claimApproveAndComplete(reviewer, "Checked the summary; released.", "right-to-know-review.png");
    wait.until(d -> tasks.createTaskQuery().taskId(review.getId()).count() == 0);

    caseJobs.runAsyncSteps(id);
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.FULFILLED);
    String download = BrowserSupport.find(DOWNLOAD, BrowserSupport.lastMailTo(mail, "alex.rivera@example.com"));
    consumer.get(baseUrl() + BrowserSupport.path(download));
    assertThat(consumer.findElement(By.id("download-title")).getText()).isEqualTo("Your personal information");
    String zipUrl = consumer.findElement(By.id("download")).getAttribute("href");
    BrowserSupport.screenshot(consumer, "right-to-know-download.png");
    HttpResponse<byte[]> zip = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(zipUrl)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zip.statusCode()).isEqualTo(200);
    Map<String, String> entries = Zips.unzip(zip.body());
    assertThat(entries).containsKeys("index.html", "personal-information.json", "csv/shop-orders.csv");
    assertThat(entries.get("index.html")).contains("Alex Rivera").contains("collected; value withheld");

    consumer.get(entries.isEmpty() ? "about:blank" : "data:text/html;charset=utf-8," + java.net.URLEncoder.encode(entries.get("index.html"), StandardCharsets.UTF_8).replace("+", "%20"));
    assertThat(consumer.findElement(By.tagName("h1")).getText()).startsWith("Your personal information held by");
  }
}
