package com.privacycasemanager.preference;

import com.privacycasemanager.request.Preference;
import java.util.List;
import java.util.Set;

/** The webhook instruction for each preference a request withdraws. */
final class PreferenceInstructions {

  private PreferenceInstructions() {}

  static List<String> of(Set<Preference> withdrawn) {
    return withdrawn.stream()
        .map(p -> switch (p) {
          case SALE -> "STOP_SALE";
          case SHARING -> "STOP_SHARING";
          case SENSITIVE_USE -> "LIMIT_SENSITIVE_USE";
        })
        .toList();
  }
}
