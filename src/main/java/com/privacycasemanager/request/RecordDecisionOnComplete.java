package com.privacycasemanager.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Runs when a user task of any model is completed, in the completing user's own transaction: one
 * entry of the audit chain ({@value #KIND}) naming the Camunda user who completed it (the identity
 * service's authentication, as Tasklist and {@code /engine-rest} set it; otherwise the task's
 * assignee), the task's BPMN id, and the decision as the task's Camunda Form let them make it.
 *
 * <p>A choice field of the form (checkbox, checklist, radio, select, taglist) is written with the
 * value chosen, when it is a boolean or one of the form's own options; a free-text field only as
 * {@code given}. Free text may carry personal data (a note quoting a phone call), and the chain is
 * never purged: its entries outlive the case records they refer to. The text stays where the case
 * keeps it under its retention: the denial basis, the delivery note, the verification record.
 */
public class RecordDecisionOnComplete implements TaskListener {

  public static final String KIND = "TASK_COMPLETED";

  private static final Set<String> CHOICES = Set.of("checkbox", "checklist", "radio", "select", "taglist");
  private static final Set<String> MANY = Set.of("checklist", "taglist");
  private static final String WITHHELD = "(withheld)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaseRepository cases;
  private final Clock clock;

  public RecordDecisionOnComplete(CaseRepository cases, Clock clock) {
    this.cases = cases;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (!RequestId.isValid(businessKey)) {
      return;
    }
    StringBuilder detail = new StringBuilder("task=").append(task.getTaskDefinitionKey());
    List<JsonNode> fields = new ArrayList<>();
    JsonNode form = form(task);
    if (form != null) {
      collectFields(form.path("components"), fields);
    }
    for (JsonNode field : fields) {
      String key = field.path("key").asText();
      String value = CHOICES.contains(field.path("type").asText()) ? chosen(task, field, task.getVariable(key)) : given(task.getVariable(key));
      if (value != null) {
        detail.append(' ').append(key).append('=').append(value);
      }
    }
    cases.recordEvent(new RequestId(businessKey), KIND, detail.toString(), clock.instant(), actor(task));
  }

  private static String actor(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null ? authentication.getUserId() : task.getAssignee();
  }

  /**
   * The task's Camunda Form as Tasklist shows it; null for a task without one. Read inside the
   * completing command rather than through the form service, whose failure (no form) would mark the
   * completing transaction for rollback; and without authorization checks, since reading the form's
   * layout is the application's doing, not the user's.
   */
  private static JsonNode form(DelegateTask task) {
    try (InputStream in = Context.getCommandContext().runWithoutAuthorization(new GetDeployedTaskFormCmd(task.getId()))) {
      return JSON.readTree(in);
    } catch (BadUserRequestException | JsonProcessingException noCamundaForm) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields a user fills in (not disabled or read-only), in the form's order, groups included. */
  private static void collectFields(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      if (component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false)) {
        continue;
      }
      if (component.hasNonNull("key")) {
        into.add(component);
      }
      collectFields(component.path("components"), into);
    }
  }

  private static String given(Object value) {
    return value == null || value.toString().isBlank() ? null : "given";
  }

  private static String chosen(DelegateTask task, JsonNode field, Object value) {
    if (value == null) {
      return null;
    }
    String type = field.path("type").asText();
    List<String> values = values(value);
    if (type.equals("checkbox")) {
      String single = values.size() == 1 ? values.get(0) : null;
      return "true".equals(single) || "false".equals(single) ? single : WITHHELD;
    }
    Set<String> options = options(task, field);
    List<String> shown = values.stream().map(v -> options.contains(v) ? v : WITHHELD).toList();
    if (MANY.contains(type)) {
      return "[" + String.join(",", shown) + "]";
    }
    return shown.size() == 1 ? shown.get(0) : WITHHELD;
  }

  /** The values a choice field was completed with, however Tasklist, the REST API or Java sent them. */
  private static List<String> values(Object value) {
    List<String> values = new ArrayList<>();
    if (value instanceof Collection<?> list) {
      list.forEach(e -> values.add(String.valueOf(e)));
    } else if (value instanceof SpinJsonNode || value instanceof String text && text.trim().startsWith("[")) {
      JsonNode node = readOrNull(value.toString());
      if (node == null) {
        values.add(WITHHELD);
      } else if (node.isArray()) {
        node.forEach(e -> values.add(e.asText()));
      } else {
        values.add(node.asText());
      }
    } else if (value instanceof String text) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    } else {
      values.add(String.valueOf(value));
    }
    return values;
  }

  /** The option values the form offered: its static {@code values} or the variable its {@code valuesKey} names. */
  private static Set<String> options(DelegateTask task, JsonNode field) {
    Set<String> options = new HashSet<>();
    JsonNode offered = field.path("values");
    if (field.hasNonNull("valuesKey")) {
      Object variable = task.getVariable(field.path("valuesKey").asText());
      offered = variable == null ? null
          : variable instanceof SpinJsonNode || variable instanceof String ? readOrNull(variable.toString()) : JSON.valueToTree(variable);
    }
    if (offered != null) {
      for (JsonNode option : offered) {
        options.add(option.isObject() ? option.path("value").asText() : option.asText());
      }
    }
    return options;
  }

  private static JsonNode readOrNull(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
