package com.privacycasemanager.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.intake.IntakeService;
import com.privacycasemanager.notification.DeliveryRepository;
import com.privacycasemanager.notification.DeliveryStatus;
import com.privacycasemanager.records.AuditVerifier;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.support.CaseTestSupport;
import com.privacycasemanager.support.Decisions;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** A reviewer works a task in the real Tasklist: the filter, the Camunda Form, the completion. */
class TasklistBrowserTest extends CaseTestSupport {

  @Autowired IntakeService intake;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired DeliveryRepository deliveries;
  @Autowired AuditVerifier verifier;

  private ChromeDriver browser;

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aReviewerRecordsAManualNoticeThroughTheCamundaForm() throws Exception {
    String requestId = intake.submit(
            new IntakeRequest("LIMIT_SENSITIVE", "tasklist.user@example.com", null, null, null, null, null, null, null, null),
            Channel.API, null)
        .record().requestId().value();
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult().getId();
    // the acknowledgement, then the step after it (a mail step commits on its own)
    management.executeJob(management.createJobQuery().processInstanceId(instance).executable().singleResult().getId());
    management.executeJob(management.createJobQuery().processInstanceId(instance).executable().singleResult().getId());

    browser = BrowserSupport.start(Map.of(), true);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(baseUrl() + "/camunda/app/tasklist/");
    BrowserSupport.loginToCamunda(browser, "reviewer", "reviewer");

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Privacy reviews"));
    WebElement task = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Notify recipient by hand')]")));
    task.click();

    WebElement recipient = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[id$='Field_RecipientName'], input[name='recipientName']")));
    assertThat(recipient.getAttribute("value")).isEqualTo("Test Print Shop (contractor)");
    // a reviewer claims the task before working it
    By claim = By.xpath("//a[normalize-space()='Claim'] | //button[normalize-space()='Claim']");
    wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(claim));
    WebElement approved = browser.findElement(By.cssSelector("input[type=checkbox]"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", approved);
    approved.click();
    WebElement note = browser.findElement(By.tagName("textarea"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", note);
    note.sendKeys("Emailed the print shop's privacy desk");
    WebElement complete = browser.findElement(By.xpath("//button[normalize-space()='Complete']"));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete)).click();

    wait.until(d -> deliveries.find(requestId, "print-shop").map(x -> x.status() == DeliveryStatus.ACKNOWLEDGED).orElse(false));
    assertThat(deliveries.find(requestId, "print-shop").orElseThrow().acknowledgedBy()).isEqualTo("staff:reviewer");
    assertThat(deliveries.find(requestId, "print-shop").orElseThrow().note()).isEqualTo("Emailed the print shop's privacy desk");
    var decision = Decisions.recorded(verifier, new RequestId(requestId), "Task_NotifyRecipientByHand");
    assertThat(decision.actor()).as("the user signed in to Tasklist").isEqualTo("reviewer");
    assertThat(decision.detail()).isEqualTo("task=Task_NotifyRecipientByHand approved=true reviewNote=given");
  }
}
