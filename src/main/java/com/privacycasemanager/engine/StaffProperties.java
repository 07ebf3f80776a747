package com.privacycasemanager.engine;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code privacy.staff.users}: staff and system accounts created in Camunda's identity service at
 * startup when missing. The embedded default configures the demo users; other profiles must not.
 */
@ConfigurationProperties("privacy.staff")
public record StaffProperties(List<User> users) {

  public StaffProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** One account. */
  public record User(String id, String password, String firstName, String lastName, String email, List<String> groups) {
    public User {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "User[" + id + "]";
    }
  }
}
