package com.privacycasemanager.support;

import com.privacycasemanager.engine.Groups;

/** A staff member as signed in to Tasklist: the demo user and the group a model gives the task to. */
public record Staff(String userId, String group) {

  /** {@code reviewer}: the tasks of {@code privacy-reviewers}. */
  public static final Staff REVIEWER = new Staff("reviewer", Groups.REVIEWERS);

  /** {@code officer}: the tasks of {@code privacy-officers}. */
  public static final Staff OFFICER = new Staff("officer", Groups.OFFICERS);
}
