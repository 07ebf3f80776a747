package com.privacycasemanager.engine;

import com.privacycasemanager.request.CaseRegistration;
import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RecordDecisionOnComplete;
import com.privacycasemanager.request.RegisterCaseOnStart;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.RequestType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Registers a case for every case process started outside the intake API (a start listener on the
 * start event of each request-type process), records every human decision in the audit chain (a
 * complete listener on every user task of every model), and filters personal variables out of
 * history.
 */
@Component
public class CaseEnginePlugin extends AbstractProcessEnginePlugin {

  private static final Set<String> CASE_PROCESS_KEYS =
      Arrays.stream(RequestType.values()).map(RequestType::processKey).collect(Collectors.toSet());

  private final CaseRegistration caseRegistration;
  private final RequestKinds kinds;
  private final CaseRepository cases;
  private final Clock clock;

  /** Takes the {@link DemoPasswordGuard} so that it has refused bad credentials before the engine starts. */
  public CaseEnginePlugin(
      @Lazy CaseRegistration caseRegistration, @Lazy CaseRepository cases, @Lazy RequestKinds kinds, Clock clock, DemoPasswordGuard guard) {
    this.caseRegistration = caseRegistration;
    this.kinds = kinds;
    this.cases = cases;
    this.clock = clock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new StartListenerParse());
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    if (configuration.getCustomHistoryEventHandlers() == null) {
      configuration.setCustomHistoryEventHandlers(new ArrayList<>());
    }
    configuration.getCustomHistoryEventHandlers().add(new PersonalDataHistoryFilter(new DbHistoryEventHandler()));
  }

  private final class StartListenerParse extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      // built-in, so that no listener configuration of a model can leave a decision unrecorded
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new RecordDecisionOnComplete(cases, clock));
    }

    @Override
    public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
      if (scope instanceof org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity definition
          && CASE_PROCESS_KEYS.contains(definition.getKey())) {
        startEventActivity.addListener(
            ExecutionListener.EVENTNAME_START,
            new RegisterCaseOnStart(definition.getKey(), caseRegistration, cases, kinds, clock));
      }
    }
  }
}
