package com.privacycasemanager.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests that run the whole application on the embedded default: one Spring context (and
 * one in-memory H2) shared by every subclass, the job executor off so tests drive jobs, GreenMail
 * as the SMTP server, WireMock as the recipients' webhooks (both on free ports, so parallel runs
 * on one machine do not collide), and the engine clock reset after each test. The engine records
 * which flow nodes the run visits ({@link FlowNodeCoverage}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FlowNodeCoverage.Plugin.class)
@ExtendWith(FlowNodeCoverage.Report.class)
public abstract class CaseTestSupport {

  /** The recipients' webhooks, for the whole run (the shared context points at its port). */
  protected static final WireMockServer recipients = startWireMock();

  /** The SMTP server consumer email goes to, for the whole run. */
  protected static final GreenMail mail = startGreenMail();

  @Autowired protected ProcessEngine processEngine;

  @LocalServerPort protected int port;

  /** Runs the jobs of one case only (see {@link CaseJobs}). */
  protected CaseJobs caseJobs;

  private static WireMockServer startWireMock() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  private static GreenMail startGreenMail() {
    // A fixed free port (not GreenMail's dynamic one) so a test can stop and restart the server
    // to simulate a mail outage while the application keeps pointing at the same port.
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
    return greenMail;
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("wiremock.port", recipients::port);
    registry.add("spring.mail.port", () -> mail.getSmtp().getPort());
  }

  @BeforeEach
  void resetServers() throws Exception {
    init(processEngine);
    caseJobs = new CaseJobs(processEngine);
    recipients.resetAll();
    mail.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /**
   * A user of its own for wrong-password probes: Camunda locks a user for a while after a failed
   * login, and the shared context's demo users must stay usable for the other tests.
   */
  protected String lockoutProbeUser(String... groups) {
    String id = "probe" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var identity = processEngine.getIdentityService();
    var user = identity.newUser(id);
    user.setPassword("probe-password-" + id);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }
}
