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

  static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    // Camunda builds a javax.xml.datatype.DatatypeFactory for every job it creates with a retry
    // cycle (DurationHelper); without this property each one searches the whole classpath (every
    // nested jar of the Boot jar) for a service provider. No jar here provides one, so the JDK's
    // own factory, named here, is the one that search ends with anyway.
    if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }
    // Jakarta Mail looks its StreamProvider up on every header and body part it encodes
    // (MimeUtility.encode, getEncoding), each time with a ServiceLoader search over every nested
    // jar: about a tenth of the job executor's CPU went there for the acknowledgement and
    // confirmation mails. Naming Angus Mail's provider, the one that search finds, makes it a
    // class lookup. Left alone when set already or when another mail implementation is used.
    if (System.getProperty(MAIL_STREAM_PROVIDER) == null && present(ANGUS_STREAM_PROVIDER)) {
      System.setProperty(MAIL_STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, PrivacyCaseManagerApplication.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  public static void main(String[] args) {
    SpringApplication.run(PrivacyCaseManagerApplication.class, args);
  }
}
