package com.privacycasemanager.engine;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's Jersey application at {@code /engine-rest}. */
@Configuration(proxyBeanMethods = false)
class EngineRestCustomization {

  @Bean
  public ResourceConfigCustomizer badStartsAreBadRequests() {
    return config -> config.register(BadStartExceptionMapper.class);
  }
}
