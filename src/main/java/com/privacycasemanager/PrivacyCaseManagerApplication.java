package com.privacycasemanager;

import javax.xml.datatype.DatatypeFactory;
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

  static {
    // Camunda builds a javax.xml.datatype.DatatypeFactory for every job it creates with a retry
    // cycle (DurationHelper); without this property each one searches the whole classpath (every
    // nested jar of the Boot jar) for a service provider. No jar here provides one, so the JDK's
    // own factory, named here, is the one that search ends with anyway.
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
  }

  public static void main(String[] args) {
    SpringApplication.run(PrivacyCaseManagerApplication.class, args);
  }
}
