package com.privacycasemanager.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

  private static final Pattern FORMAT = Pattern.compile("CCPA-[0-9]{8}-[0-9A-F]{8}");

  @ParameterizedTest
  @ValueSource(strings = {"CCPA-20261207-00000000", "CCPA-20261207-0123ABCD", "CCPA-99999999-FFFFFFFF", "CCPA-00000000-9A9A9A9A"})
  void acceptsTheFormat(String value) {
    assertThat(RequestId.isValid(value)).isTrue();
    assertThat(new RequestId(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "CCPA-20261207-0123abcd", "CCPA-20261207-0123ABC", "CCPA-20261207-0123ABCDE",
      "ccpa-20261207-0123ABCD", "CCPA-2026120-70123ABCD", "CCPA_20261207-0123ABCD", "CCPA-20261207_0123ABCD",
      "CCPA-2026120A-0123ABCD", "CCPA-20261207-0123ABCG", "CCPA-2026120\u0663-0123ABCD", "CCPA-20261207-0123AB\uFF23D",
      " CCPA-20261207-0123ABCD", "CCPA-20261207-0123ABCD\n", "CCPA-20261207-0123AB/D", "CCPA-20261207-0123AB:D",
      "CCPA-20261207-0123AB@D", "XCPA-20261207-0123ABCD"})
  void refusesEverythingElse(String value) {
    assertThat(RequestId.isValid(value)).isFalse();
    assertThatThrownBy(() -> new RequestId(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generatedIdsMatchTheFormatAndCarryTheDay() {
    for (int i = 0; i < 1000; i++) {
      String id = RequestId.generate(LocalDate.of(2026, 12, 7)).value();
      assertThat(id).matches(FORMAT).startsWith("CCPA-20261207-");
    }
  }

  @Test
  void agreesWithTheRegularExpressionOnEveryCharacterAtEveryPosition() {
    String base = "CCPA-20261207-0123ABCD";
    for (int position = 0; position < base.length(); position++) {
      for (char c = 0; c < 256; c++) {
        String candidate = base.substring(0, position) + c + base.substring(position + 1);
        assertThat(RequestId.isValid(candidate)).as(candidate).isEqualTo(FORMAT.matcher(candidate).matches());
      }
    }
  }
}
