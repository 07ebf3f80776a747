package com.privacycasemanager.preferencestore;

import com.privacycasemanager.request.Channel;

/** Where a preference change came from. */
public enum PreferenceSource {
  FORM,
  GPC,
  AGENT,
  API;

  /** The source of a change a request made through {@code channel}. */
  public static PreferenceSource of(Channel channel) {
    return switch (channel) {
      case WEB_FORM -> FORM;
      case GPC -> GPC;
      case AGENT -> AGENT;
      case API, ENGINE_REST -> API;
    };
  }
}
