package com.privacycasemanager.records;

import com.privacycasemanager.request.RequestType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The request types the §7102 metrics report together (11 CCR §7102(a)(1)(A)–(E)). */
public enum RequestGroup {
  KNOW("Requests to know", EnumSet.of(RequestType.KNOW_CATEGORIES, RequestType.KNOW_SPECIFIC, RequestType.PORTABILITY)),
  DELETE("Requests to delete", EnumSet.of(RequestType.DELETE)),
  CORRECT("Requests to correct", EnumSet.of(RequestType.CORRECT)),
  OPT_OUT("Requests to opt out of sale or sharing",
      EnumSet.of(RequestType.OPT_OUT_SALE, RequestType.OPT_OUT_SHARING, RequestType.OPT_OUT_ALL)),
  LIMIT("Requests to limit the use of sensitive personal information", EnumSet.of(RequestType.LIMIT_SENSITIVE));

  private final String label;
  private final Set<RequestType> types;

  RequestGroup(String label, Set<RequestType> types) {
    this.label = label;
    this.types = types;
  }

  public String label() {
    return label;
  }

  public Set<RequestType> types() {
    return types;
  }

  public static RequestGroup of(RequestType type) {
    return Arrays.stream(values()).filter(g -> g.types.contains(type)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metrics group for " + type));
  }
}
