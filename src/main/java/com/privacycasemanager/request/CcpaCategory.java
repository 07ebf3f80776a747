package com.privacycasemanager.request;

/**
 * The categories of personal information of Civ. Code §1798.140(v)(1)(A)–(K), plus sensitive
 * personal information (§1798.140(ae)), with the names a privacy notice uses.
 */
public enum CcpaCategory {
  IDENTIFIERS("Identifiers", "§1798.140(v)(1)(A)"),
  CUSTOMER_RECORDS("Customer records (Civ. Code §1798.80(e))", "§1798.140(v)(1)(B)"),
  PROTECTED_CLASSIFICATIONS("Characteristics of protected classifications", "§1798.140(v)(1)(C)"),
  COMMERCIAL_INFORMATION("Commercial information", "§1798.140(v)(1)(D)"),
  BIOMETRIC_INFORMATION("Biometric information", "§1798.140(v)(1)(E)"),
  INTERNET_ACTIVITY("Internet or other electronic network activity", "§1798.140(v)(1)(F)"),
  GEOLOCATION_DATA("Geolocation data", "§1798.140(v)(1)(G)"),
  SENSORY_DATA("Audio, electronic, visual, thermal, olfactory or similar information", "§1798.140(v)(1)(H)"),
  PROFESSIONAL_INFORMATION("Professional or employment-related information", "§1798.140(v)(1)(I)"),
  EDUCATION_INFORMATION("Education information", "§1798.140(v)(1)(J)"),
  INFERENCES("Inferences drawn to create a profile", "§1798.140(v)(1)(K)"),
  SENSITIVE_PERSONAL_INFORMATION("Sensitive personal information", "§1798.140(ae)");

  private final String label;
  private final String citation;

  CcpaCategory(String label, String citation) {
    this.label = label;
    this.citation = citation;
  }

  public String label() {
    return label;
  }

  public String citation() {
    return citation;
  }
}
