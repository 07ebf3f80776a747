package com.privacycasemanager.admt;

import com.privacycasemanager.datamap.AdmtUse;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.engine.IdentitySetup;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At startup, for each ADMT use relying on the human-appeal exception: its reviewer group in
 * Camunda with Tasklist access and a filter "ADMT appeals (group)", so the people who may
 * overturn the use's decisions see the appeals (§7221(b)(1)(A)). Members come from
 * {@code privacy.staff.users} or the business's own identity provider.
 */
@Component
class AdmtReviewerGroups {

  private final ConnectedSystems systems;
  private final IdentitySetup identity;

  AdmtReviewerGroups(ConnectedSystems systems, IdentitySetup identity) {
    this.systems = systems;
    this.identity = identity;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(100)
  public void setUp() {
    systems.map().admt().stream().filter(AdmtUse::appealOffered).map(u -> u.exception().reviewerGroup()).distinct()
        .forEach(group -> identity.taskGroup(group, "Reviewers of ADMT appeals (" + group + ")", "ADMT appeals (" + group + ")",
            "Appeals of automated decisions this group may overturn"));
  }
}
