package com.privacycasemanager;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/**
 * The providers {@link PrivacyCaseManagerApplication} names, so that the JDK and Jakarta Mail do
 * not search every jar on each use, are the ones that search would have found.
 */
class ServiceProvidersTest {

  @Test
  void namesTheMailStreamProviderTheServiceLoaderFinds() throws Exception {
    Class.forName(PrivacyCaseManagerApplication.class.getName(), true, getClass().getClassLoader());
    assertThat(ServiceLoader.load(StreamProvider.class).findFirst())
        .map(provider -> provider.getClass().getName())
        .contains(PrivacyCaseManagerApplication.ANGUS_STREAM_PROVIDER);
    assertThat(System.getProperty(PrivacyCaseManagerApplication.MAIL_STREAM_PROVIDER))
        .isEqualTo(PrivacyCaseManagerApplication.ANGUS_STREAM_PROVIDER);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(PrivacyCaseManagerApplication.ANGUS_STREAM_PROVIDER);
  }

  @Test
  void namesTheJdksDatatypeFactoryWhichNoJarReplaces() throws Exception {
    Class.forName(PrivacyCaseManagerApplication.class.getName(), true, getClass().getClassLoader());
    assertThat(ServiceLoader.load(DatatypeFactory.class).findFirst()).isEmpty();
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }
}
