package com.privacycasemanager.compliance;

/**
 * The outcome of one self-check.
 *
 * @param applicable false when the rule does not bind this business (for example metrics below
 *     10,000,000 consumers); such a check counts neither for nor against the score
 * @param found what the running configuration shows (never personal data)
 * @param toDo what to change to pass; empty when passed
 * @param citation the statute or regulation the rule comes from
 */
public record CheckResult(String id, boolean applicable, boolean passed, String found, String toDo, String citation) {

  static CheckResult pass(String id, String found, String citation) {
    return new CheckResult(id, true, true, found, "", citation);
  }

  static CheckResult gap(String id, String found, String toDo, String citation) {
    return new CheckResult(id, true, false, found, toDo, citation);
  }

  static CheckResult notApplicable(String id, String found, String citation) {
    return new CheckResult(id, false, true, found, "", citation);
  }

  /** A gap the officer must act on. */
  public boolean isGap() {
    return applicable && !passed;
  }
}
