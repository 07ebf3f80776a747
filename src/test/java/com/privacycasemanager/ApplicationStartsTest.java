package com.privacycasemanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.request.ProcessKeys;
import com.privacycasemanager.support.CaseTestSupport;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ApplicationStartsTest extends CaseTestSupport {

  @Autowired RepositoryService repository;

  @Test
  void deploysEveryProcessAndForm() {
    for (String key : new String[] {ProcessKeys.OPT_OUT, ProcessKeys.LIMIT_SENSITIVE, ProcessKeys.NOTIFY_RECIPIENTS}) {
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).as(key).isEqualTo(1);
    }
    // The starter does not deploy .form files by default; Tasklist fails only when it opens the task.
    var resources =
        repository.createDeploymentQuery().list().stream()
            .flatMap(d -> repository.getDeploymentResourceNames(d.getId()).stream())
            .toList();
    assertThat(resources)
        .anyMatch(r -> r.endsWith("resolve-overdue-propagation.form"))
        .anyMatch(r -> r.endsWith("notify-recipient-by-hand.form"));
  }
}
