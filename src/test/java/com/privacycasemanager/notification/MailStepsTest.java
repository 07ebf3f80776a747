package com.privacycasemanager.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;

/**
 * Every step of every model that sends an email commits on its own: asynchronous before it (a mail
 * outage fails that step only, retried on {@code privacy.mail.retry-cycle}) and after it (a failure
 * in the next step rolls back to the point after the mail, so its retry never sends the mail
 * again). A step sends email when it calls {@code consumerMail.send} or runs on the mail retry cycle.
 */
class MailStepsTest {

  @Test
  void everyStepThatSendsEmailIsAsynchronousBeforeAndAfter() throws IOException {
    List<String> mailSteps = new ArrayList<>();
    List<String> notOnTheirOwn = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path model : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        for (ServiceTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(ServiceTask.class)) {
          if (sendsEmail(task)) {
            String step = model.getFileName() + "#" + task.getId();
            mailSteps.add(step);
            if (!task.isCamundaAsyncBefore() || !task.isCamundaAsyncAfter()) {
              notOnTheirOwn.add(step);
            }
          }
        }
      }
    }
    assertThat(mailSteps).as("the mail steps found").contains(
        "opt-out.bpmn#Task_SendAcknowledgement", "limit-sensitive.bpmn#Task_SendConfirmation",
        "right-to-know.bpmn#Task_SendAnswerReady", "right-to-delete.bpmn#Task_SendOutcome",
        "right-to-correct.bpmn#Task_SendOutcome", "verify-identity.bpmn#Task_SendConfirmationLink",
        "response-clock.bpmn#Task_SendExtensionNotice", "response-clock.bpmn#Task_RemindDay30");
    assertThat(notOnTheirOwn).as("mail steps without camunda:asyncBefore and camunda:asyncAfter").isEmpty();
  }

  private static boolean sendsEmail(ServiceTask task) {
    String expression = task.getCamundaExpression();
    if (expression != null && expression.contains("consumerMail.send")) {
      return true;
    }
    return task.getExtensionElements() != null
        && task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream()
            .anyMatch(cycle -> cycle.getTextContent().trim().equals("${retryCycles.mail}"));
  }
}
