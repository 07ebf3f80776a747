package com.privacycasemanager.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How offered data points are compared with what the business holds. */
class NormaliseTest {

  @Test
  void caseSpacingAndPunctuationDoNotCount() {
    assertThat(IdentityVerification.normalise(" 12 Ocean Avenue ")).isEqualTo(IdentityVerification.normalise("12 ocean avenue"));
    assertThat(IdentityVerification.normalise("Alex  Rivera")).isEqualTo(IdentityVerification.normalise("alex rivera"));
    assertThat(IdentityVerification.normalise("12 Ocean Ave")).isNotEqualTo(IdentityVerification.normalise("12 Ocean Avenue"));
  }

  @Test
  void phoneNumbersCompareByTheirLastTenDigits() {
    assertThat(IdentityVerification.normalise("+1 (415) 555-0100")).isEqualTo(IdentityVerification.normalise("415.555.0100"));
    assertThat(IdentityVerification.normalise("415 555 0100")).isNotEqualTo(IdentityVerification.normalise("415 555 0101"));
  }

  @Test
  void aUsDateMatchesTheIsoDateItNames() {
    assertThat(IdentityVerification.normalise("8/25/1989")).isEqualTo(IdentityVerification.normalise("1989-08-25"));
    assertThat(IdentityVerification.normalise("08-25-1989")).isEqualTo(IdentityVerification.normalise("1989-08-25"));
    assertThat(IdentityVerification.normalise("1989-08-25")).isEqualTo("19890825");
    assertThat(IdentityVerification.normalise("8/26/1989")).isNotEqualTo(IdentityVerification.normalise("1989-08-25"));
  }
}
