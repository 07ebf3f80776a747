package com.privacycasemanager.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for tests that run the whole application on the embedded default: one Spring context (and
 * one in-memory H2) shared by every subclass, the job executor off so tests drive jobs, GreenMail
 * as the SMTP server, WireMock as the recipients' webhooks, and the engine clock reset after each
 * test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "wiremock.port=" + CaseTestSupport.WIREMOCK_PORT)
public abstract class CaseTestSupport {

  public static final int WIREMOCK_PORT = 18089;

  /** One WireMock for the whole run: its port is in the shared context's configuration. */
  protected static final WireMockServer recipients = startWireMock();

  @RegisterExtension
  protected static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

  @Autowired protected ProcessEngine processEngine;

  @LocalServerPort protected int port;

  private static WireMockServer startWireMock() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().port(WIREMOCK_PORT));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  @BeforeEach
  void initEngineAssertions() {
    init(processEngine);
    recipients.resetAll();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }
}
