package com.privacycasemanager.engine;

import com.privacycasemanager.request.PersonalVariables;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Wraps the engine's history handler and drops every history event about a variable that carries
 * personal data, so that a value passed at start (and moved into the case record) never reaches
 * {@code ACT_HI_VARINST} or {@code ACT_HI_DETAIL}.
 */
class PersonalDataHistoryFilter implements HistoryEventHandler {

  private final HistoryEventHandler delegate;

  PersonalDataHistoryFilter(HistoryEventHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!isPersonal(event)) {
      delegate.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    for (HistoryEvent event : events) {
      handleEvent(event);
    }
  }

  static boolean isPersonal(HistoryEvent event) {
    return event instanceof HistoricVariableUpdateEventEntity variable
        && PersonalVariables.NAMES.contains(variable.getVariableName());
  }
}
