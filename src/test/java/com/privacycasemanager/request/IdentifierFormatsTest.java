package com.privacycasemanager.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared rule on its own: what it still accepts, next to the entry-point table of refusals. */
class IdentifierFormatsTest {

  @ParameterizedTest
  @ValueSource(strings = {"jane@example.com", "o'brien+privacy@mail.example.co.uk", "a.b-c_d@sub-domain.example.org",
      "josé@exämple.de", " padded@example.com ", "x@example.museum"})
  void acceptsOrdinaryAndInternationalAddresses(String email) {
    assertThat(IdentifierFormats.emailProblem(email)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "a@b", "a..b@example.com", ".a@example.com", "a@-example.com", "\"quoted\"@example.com",
      "a b@example.com", "a@example.com>", "a@exa mple.com"})
  void refusesWhatIsNotAPlainAddress(String email) {
    assertThat(IdentifierFormats.emailProblem(email)).isEqualTo("is not an email address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zoë Ñúñez", "李小龍", "Emoji 🙂 name", "O'Brien-Smith"})
  void acceptsTextInAnyScriptWithPairedSurrogates(String name) {
    assertThat(IdentifierFormats.textProblem(name, IdentifierFormats.MAX_TEXT_LENGTH)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\u001bb", "a\u007fb", "a\u009fb", "a\ufffdb", "a\ud83db", "a\ude42b", "\ude42\ud83d"})
  void refusesControlCharactersAndBrokenEncodingInText(String name) {
    assertThat(IdentifierFormats.textProblem(name, IdentifierFormats.MAX_TEXT_LENGTH)).isEqualTo(IdentifierFormats.FORBIDDEN_CHARACTERS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\t", " \n "})
  void aValueOfControlCharactersIsNotAbsent(String value) {
    assertThat(IdentifierFormats.absent(value)).isFalse();
  }
}
