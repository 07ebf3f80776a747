package com.privacycasemanager.engine;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates what staff need in Camunda's identity service when it is missing: the privacy groups,
 * the configured users, the authorizations that let reviewers and officers use Tasklist (and
 * officers Cockpit), and one Tasklist filter per group showing that group's privacy tasks.
 */
@Component
public class IdentitySetup {

  static final String REVIEWER_FILTER = "Privacy reviews";
  static final String OFFICER_FILTER = "Privacy officer tasks";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final StaffProperties staff;

  public IdentitySetup(
      IdentityService identity,
      AuthorizationService authorizations,
      FilterService filters,
      TaskService tasks,
      StaffProperties staff) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.staff = staff;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void setUp() {
    group(Groups.REVIEWERS, "Privacy reviewers");
    group(Groups.OFFICERS, "Privacy officers");
    group(Groups.PREFERENCE_API, "Preference check clients");
    group(Groups.SIGNAL_API, "Opt-out signal senders");
    group(Groups.INCENTIVE_API, "Financial incentive consent recorders");
    group(Groups.METRICS, "Metrics readers");
    for (StaffProperties.User user : staff.users()) {
      user(user);
    }
    for (String group : List.of(Groups.REVIEWERS, Groups.OFFICERS)) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
      grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    }
    grant(Groups.OFFICERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(Groups.OFFICERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ_HISTORY);
    grant(Groups.OFFICERS, Resources.PROCESS_DEFINITION, "*", Permissions.READ_INSTANCE);
    grant(Groups.OFFICERS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    filter(REVIEWER_FILTER, Groups.REVIEWERS, -10, "Requests waiting for a privacy reviewer");
    filter(OFFICER_FILTER, Groups.OFFICERS, -5, "Extensions, escalations and overdue propagation");
  }

  /**
   * A group whose members work tasks of a right outside the privacy team (the reviewers who may
   * overturn an ADMT use's decisions): the group, Tasklist access, reading the process definitions,
   * and a Tasklist filter of the group's tasks. Does nothing that exists already.
   */
  public void taskGroup(String id, String name, String filterName, String description) {
    group(id, name);
    grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(id, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    filter(filterName, id, -8, description);
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private void user(StaffProperties.User config) {
    if (identity.createUserQuery().userId(config.id()).count() == 0) {
      User user = identity.newUser(config.id());
      user.setPassword(config.password());
      user.setFirstName(config.firstName() == null ? config.id() : config.firstName());
      user.setLastName(config.lastName() == null ? "" : config.lastName());
      user.setEmail(config.email());
      identity.saveUser(user);
    }
    for (String group : config.groups()) {
      if (identity.createUserQuery().userId(config.id()).memberOfGroup(group).count() == 0) {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
          group(group, group);
        }
        identity.createMembership(config.id(), group);
      }
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing =
        authorizations
            .createAuthorizationQuery()
            .groupIdIn(groupId)
            .resourceType(resource)
            .resourceId(resourceId)
            .singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    if (!authorization.isPermissionGranted(permission)) {
      authorization.addPermission(permission);
      authorizations.saveAuthorization(authorization);
    }
  }

  private void filter(String name, String group, int priority, String description) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
    Filter filter =
        filters
            .newTaskFilter(name)
            .setOwner(null)
            .setQuery(query)
            .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
    filters.saveFilter(filter);
    grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
