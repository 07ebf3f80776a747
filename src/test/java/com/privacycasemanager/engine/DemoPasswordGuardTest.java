package com.privacycasemanager.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoPasswordGuardTest {

  static final StaffProperties DEMO =
      new StaffProperties(List.of(new StaffProperties.User("reviewer", "reviewer", null, null, null, List.of("privacy-reviewers"))));
  static final StaffProperties REAL =
      new StaffProperties(List.of(new StaffProperties.User("reviewer", "correct-horse-battery", null, null, null, List.of())));

  @Test
  void theEmbeddedDefaultMayUseDemoPasswords() {
    assertThatCode(() -> new DemoPasswordGuard(new MockEnvironment(), DEMO).afterPropertiesSet()).doesNotThrowAnyException();
  }

  @Test
  void anyOtherProfileRefusesADemoStaffPassword() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("postgres");
    env.setProperty("privacy.secret", "a-real-secret-of-some-length");
    assertThatThrownBy(() -> new DemoPasswordGuard(env, DEMO).afterPropertiesSet())
        .hasMessageContaining("privacy.staff.users[reviewer].password")
        .hasMessageContaining("postgres");
  }

  @Test
  void anyOtherProfileRefusesTheDemoAdminAndTheDemoSecret() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("postgres");
    env.setProperty("camunda.bpm.admin-user.id", "demo");
    env.setProperty("camunda.bpm.admin-user.password", "demo");
    env.setProperty("privacy.secret", "demo-only-secret-change-me-0123456789");
    assertThatThrownBy(() -> new DemoPasswordGuard(env, REAL).afterPropertiesSet())
        .hasMessageContaining("camunda.bpm.admin-user.password")
        .hasMessageContaining("privacy.secret");
  }

  @Test
  void realCredentialsStart() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("postgres");
    env.setProperty("camunda.bpm.admin-user.id", "admin");
    env.setProperty("camunda.bpm.admin-user.password", "s3cret-admin-pass");
    env.setProperty("privacy.secret", "a-real-secret-of-some-length");
    assertThatCode(() -> new DemoPasswordGuard(env, REAL).afterPropertiesSet()).doesNotThrowAnyException();
  }
}
