package com.privacycasemanager.support;

import com.privacycasemanager.request.IntakeRequest;
import com.privacycasemanager.request.RequestType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as the public API receives it, written as what the consumer sends:
 * {@code request(KNOW_SPECIFIC).from(ALEX, "Alex Rivera").dataPoint("postalCode", "90401").declared()}.
 */
public final class Requests {

  private final RequestType type;
  private String email;
  private String name;
  private String deviceId;
  private final Map<String, String> dataPoints = new LinkedHashMap<>();
  private final Map<String, String> corrections = new LinkedHashMap<>();
  private boolean declared;
  private String agent;
  private java.util.List<String> admtUses;
  private IntakeRequest.Appeal appeal;
  private java.util.List<String> incentivePrograms;
  private String accountId;

  private Requests(RequestType type) {
    this.type = type;
  }

  public static Requests request(RequestType type) {
    return new Requests(type);
  }

  /** The consumer's email and, when given, name. */
  public Requests from(String email, String name) {
    this.email = email;
    this.name = name;
    return this;
  }

  public Requests from(String email) {
    return from(email, null);
  }

  public Requests device(String deviceId) {
    this.deviceId = deviceId;
    return this;
  }

  /** A detail the business can compare with what it holds (name, street, postalCode, phone, birthDate). */
  public Requests dataPoint(String name, String value) {
    dataPoints.put(name, value);
    return this;
  }

  /** The field of a request to correct and the value the consumer says is right. */
  public Requests correction(String field, String value) {
    corrections.put(field, value);
    return this;
  }

  /** The declaration under penalty of perjury, signed with the consumer's name. */
  public Requests declared() {
    this.declared = true;
    return this;
  }

  /** Sent by an authorized agent of that name, who says they hold the consumer's signed permission. */
  public Requests byAgent(String agentName) {
    this.agent = agentName;
    return this;
  }

  /** For an opt-out of ADMT: the uses it names (none named: all). */
  public Requests admtUses(String... uses) {
    this.admtUses = java.util.List.of(uses);
    return this;
  }

  /** For a withdrawal from financial incentive programs: the programs it names (none named: all). */
  public Requests incentivePrograms(String... programs) {
    this.incentivePrograms = java.util.List.of(programs);
    return this;
  }

  /** The consumer's account id with the business. */
  public Requests account(String accountId) {
    this.accountId = accountId;
    return this;
  }

  /** For an appeal of an ADMT decision: the use, the decision's number (null: the latest) and why. */
  public Requests appeal(String use, String decision, String statement) {
    this.appeal = new IntakeRequest.Appeal(use, decision, statement);
    return this;
  }

  public RequestType type() {
    return type;
  }

  public IntakeRequest body() {
    return new IntakeRequest(
        type.name(),
        email,
        name,
        null,
        dataPoints.isEmpty() ? null : new LinkedHashMap<>(dataPoints),
        corrections.isEmpty() ? null : new LinkedHashMap<>(corrections),
        null,
        declared ? new IntakeRequest.Declaration(name, true) : null,
        agent == null ? null : new IntakeRequest.Agent(agent, true),
        deviceId,
        accountId,
        admtUses,
        appeal,
        incentivePrograms);
  }
}
