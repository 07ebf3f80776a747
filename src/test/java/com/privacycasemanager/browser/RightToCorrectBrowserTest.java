package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.correction.CorrectionRepository;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A request to correct in real browsers: the consumer's form without JavaScript (a second field
 * added by "Add another field"), the emailed confirmation, and the reviewer's per-field checklist
 * in Tasklist's Camunda Form.
 */
class RightToCorrectBrowserTest extends CaseTestSupport {

  static final Pattern LINK = Pattern.compile("(http://\\S+/privacy/verify/\\S+)");

  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired CaseRepository cases;
  @Autowired CorrectionRepository corrections;
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
  void aConsumerAsksForTwoFieldsAndTheReviewerApprovesOneInTasklist() throws Exception {
    long customer = 131;
    String email = DemoBusiness.customerEmail(customer);
    JdbcTemplate shop = new JdbcTemplate(systems.dataSource("shop"));
    Map<String, Object> held = shop.queryForMap("select full_name, phone, birth_date, city from customers where id = ?", customer);

    consumer = BrowserSupport.withoutJavaScript(Map.of());
    consumer.get(baseUrl() + "/privacy/correct");
    new Select(consumer.findElement(By.id("field-0"))).selectByValue("street");
    consumer.findElement(By.id("value-0")).sendKeys("7 Corrected Lane");
    consumer.findElement(By.id("email")).sendKeys(email);
    consumer.findElement(By.id("dp-name")).sendKeys(held.get("FULL_NAME").toString());
    consumer.findElement(By.id("dp-phone")).sendKeys(held.get("PHONE").toString());
    consumer.findElement(By.id("dp-birthDate")).sendKeys(held.get("BIRTH_DATE").toString());
    consumer.findElement(By.cssSelector("label[for=declare]")).click();
    consumer.findElement(By.id("signedName")).sendKeys(held.get("FULL_NAME").toString());
    consumer.findElement(By.id("add-row")).click();
    new Select(consumer.findElement(By.id("field-2"))).selectByValue("city");
    consumer.findElement(By.id("value-2")).sendKeys("Eureka");
    assertThat(consumer.findElement(By.id("value-0")).getAttribute("value")).as("kept across the re-render").isEqualTo("7 Corrected Lane");
    consumer.findElement(By.cssSelector("button[value=send]:not(.visually-hidden)")).click();
    assertThat(consumer.findElement(By.id("received")).getText()).isEqualTo("We received your request");
    RequestId id = new RequestId(consumer.findElement(By.id("request-id")).getText());

    caseJobs.runAsyncSteps(id);
    consumer.get(baseUrl() + path(find(LINK, lastMailTo(email))));
    WebElement confirm = consumer.findElement(By.id("confirm"));
    confirm.click();
    new WebDriverWait(consumer, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(confirm));
    caseJobs.runAsyncSteps(id);

    Task review = tasks.createTaskQuery().processInstanceBusinessKey(id.value()).taskDefinitionKey("Task_ReviewCorrection").singleResult();
    assertThat(review).as("verified with details that are not contested").isNotNull();
    reviewer = BrowserSupport.start(Map.of(), true);
    WebDriverWait wait = new WebDriverWait(reviewer, Duration.ofSeconds(30));
    reviewer.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + review.getId());
    BrowserSupport.loginToCamunda(reviewer, "reviewer", "reviewer");
    By streetOption = By.xpath("//*[contains(@class,'fjs-form-field-checklist')]//label[contains(normalize-space(.),'street address')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(streetOption));
    By claim = By.xpath("//a[normalize-space()='Claim'] | //button[normalize-space()='Claim']");
    wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
    WebElement street = reviewer.findElement(streetOption);
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", street);
    street.click();
    WebElement note = reviewer.findElement(By.cssSelector("textarea[id$='Field_ReviewNote'], textarea[name='reviewNote']"));
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", note);
    note.sendKeys("Our shipping records confirm the city.");
    screenshot(reviewer, "right-to-correct-review.png");
    WebElement complete = reviewer.findElement(By.xpath("//button[normalize-space()='Complete']"));
    reviewer.executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
    wait.until(d -> tasks.createTaskQuery().taskId(review.getId()).count() == 0);

    recipients.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hooks/crm")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
    caseJobs.runAsyncSteps(id);
    assertThat(corrections.fields(id)).extracting(f -> f.field() + ":" + f.decision())
        .containsExactly("city:DENIED", "street:APPROVED");
    assertThat(shop.queryForMap("select street, city from customers where id = ?", customer))
        .containsEntry("STREET", "7 Corrected Lane").containsEntry("CITY", held.get("CITY"));
    assertThat(cases.get(id).outcome()).isEqualTo(Outcome.PARTIAL);
  }

  private static String path(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  private String lastMailTo(String address) throws Exception {
    MimeMessage[] all = mail.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1));
    for (int i = all.length - 1; i >= 0; i--) {
      if (all[i].getAllRecipients()[0].toString().equals(address)) {
        return (String) all[i].getContent();
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }

  private static void screenshot(ChromeDriver browser, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }
}
