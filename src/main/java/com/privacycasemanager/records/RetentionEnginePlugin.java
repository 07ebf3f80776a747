package com.privacycasemanager.records;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's default history time to live follows {@code privacy.records.retention-months}, so
 * a process deployed without its own {@code historyTimeToLive} keeps its history as long as the
 * case records. The cleanup window and the removal-time strategy are engine properties in
 * application.yml; without the window the engine never cleans history up.
 */
@Component
public class RetentionEnginePlugin extends AbstractProcessEnginePlugin {

  private final RetentionProperties retention;

  public RetentionEnginePlugin(RetentionProperties retention) {
    this.retention = retention;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryTimeToLive("P" + retention.retentionDays() + "D");
  }
}
