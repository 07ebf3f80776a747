package com.privacycasemanager.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.SimpleMailMessage;

/** The embedded default's mail outbox: each message a whole .eml file, written in one go. */
class OutboxMailSenderTest {

  @Test
  void eachMessageIsOneCompleteEmlFile(@TempDir Path outbox) throws Exception {
    var sender = new OutboxMailConfiguration().outboxMailSender(outbox.resolve("mail"));
    String body = "Your request id is CCPA-20261203-00000001.\n".repeat(400); // larger than the buffer
    for (int i = 1; i <= 2; i++) {
      SimpleMailMessage message = new SimpleMailMessage();
      message.setFrom("privacy@example.com");
      message.setTo("consumer-" + i + "@example.com");
      message.setSubject("We received your privacy request " + i);
      message.setText(body);
      sender.send(message);
    }
    List<Path> files;
    try (var listing = Files.list(outbox.resolve("mail"))) {
      files = listing.sorted().toList();
    }
    assertThat(files).hasSize(2).allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".eml"));
    for (Path file : files) {
      String eml = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(eml).contains("Subject: We received your privacy request ", "To: consumer-");
      assertThat(eml.replace("\r\n", "\n")).endsWith(body);
    }
  }
}
