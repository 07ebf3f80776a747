package com.privacycasemanager.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start outside the embedded default (any active profile) while a demo password or the
 * demo secret is configured: demo credentials are for a laptop, never for a deployment.
 */
@Component
public class DemoPasswordGuard implements InitializingBean {

  static final Set<String> DEMO_PASSWORDS = Set.of("demo", "reviewer", "officer", "credit", "adsystem", "edge", "signup", "metrics", "password", "changeme");
  static final String DEMO_SECRET_MARKER = "demo-only";

  private final Environment environment;
  private final StaffProperties staff;

  public DemoPasswordGuard(Environment environment, StaffProperties staff) {
    this.environment = environment;
    this.staff = staff;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> profiles = Arrays.asList(environment.getActiveProfiles());
    if (profiles.isEmpty() || profiles.equals(List.of("default"))) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (StaffProperties.User user : staff.users()) {
      if (isDemo(user.id(), user.password())) {
        problems.add("privacy.staff.users[" + user.id() + "].password");
      }
    }
    String adminId = environment.getProperty("camunda.bpm.admin-user.id");
    if (adminId != null && isDemo(adminId, environment.getProperty("camunda.bpm.admin-user.password"))) {
      problems.add("camunda.bpm.admin-user.password");
    }
    String secret = environment.getProperty("privacy.secret", "");
    if (secret.contains(DEMO_SECRET_MARKER)) {
      problems.add("privacy.secret");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start with profiles " + profiles + ": demo credentials are configured in "
              + problems + ". Set real values (see README, 'Running in production').");
    }
  }

  private static boolean isDemo(String id, String password) {
    return password == null || password.isBlank() || password.equals(id) || DEMO_PASSWORDS.contains(password);
  }
}
