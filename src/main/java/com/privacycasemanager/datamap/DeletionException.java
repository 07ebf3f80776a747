package com.privacycasemanager.datamap;

/**
 * The reasons CCPA §1798.105(d)(1)–(8) lets a business keep personal information a consumer asked
 * it to delete, plus a reviewer's legal hold (a legal obligation named by the reviewer).
 */
public enum DeletionException {
  COMPLETE_TRANSACTION("§1798.105(d)(1)", "to complete the transaction, provide the goods or services you asked for, or perform our contract with you"),
  SECURITY_INTEGRITY("§1798.105(d)(2)", "to help ensure security and integrity"),
  DEBUGGING("§1798.105(d)(3)", "to identify and repair errors that impair intended functionality"),
  FREE_SPEECH("§1798.105(d)(4)", "to exercise free speech or another right provided by law"),
  CALECPA("§1798.105(d)(5)", "to comply with the California Electronic Communications Privacy Act"),
  RESEARCH("§1798.105(d)(6)", "for public or peer-reviewed research you consented to"),
  INTERNAL_USE("§1798.105(d)(7)", "for solely internal uses reasonably aligned with your expectations"),
  LEGAL_OBLIGATION("§1798.105(d)(8)", "to comply with a legal obligation"),
  LEGAL_HOLD("§1798.105(d)(8)", "to comply with a legal obligation (a legal hold)");

  private final String citation;
  private final String description;

  DeletionException(String citation, String description) {
    this.citation = citation;
    this.description = description;
  }

  public String citation() {
    return citation;
  }

  /** How the consumer is told why the data was kept. */
  public String description() {
    return description;
  }
}
