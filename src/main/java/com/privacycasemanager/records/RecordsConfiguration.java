package com.privacycasemanager.records;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Switches Spring's scheduler on for the retention purge. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RecordsConfiguration {}
