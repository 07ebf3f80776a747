package com.privacycasemanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Privacy Case Manager: CCPA/CPRA consumer requests as Camunda 7 cases.
 *
 * <p>BPMN models in {@code processes/} and Camunda Forms in {@code forms/} are deployed by the
 * starter's auto-deployment (see {@code camunda.bpm.deployment-resource-pattern}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PrivacyCaseManagerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PrivacyCaseManagerApplication.class, args);
  }
}
