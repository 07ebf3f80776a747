package com.privacycasemanager.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Without an SMTP server ({@code spring.mail.host} unset, as on the embedded default), consumer
 * email is written as {@code .eml} files to {@code privacy.mail.outbox-dir} instead of being sent,
 * so a newcomer can open what a consumer would receive. Spring Mail's own sender is used as soon
 * as {@code spring.mail.host} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class OutboxMailConfiguration {

  @Bean
  public JavaMailSender outboxMailSender(@Value("${privacy.mail.outbox-dir:./data/outbox}") Path outbox) {
    return new OutboxMailSender(outbox);
  }

  /** Writes each message to a file instead of an SMTP server. */
  static final class OutboxMailSender extends JavaMailSenderImpl {
    private final Path outbox;

    OutboxMailSender(Path outbox) {
      this.outbox = outbox;
      setSession(Session.getInstance(new Properties()));
    }

    @Override
    protected void doSend(MimeMessage[] messages, Object[] originals) throws MailException {
      try {
        Files.createDirectories(outbox);
        for (MimeMessage message : messages) {
          message.saveChanges();
          Path file = outbox.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".eml");
          // buffered: the message writes itself a line at a time, one system call each otherwise
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 16384)) {
            message.writeTo(out);
          }
        }
      } catch (IOException | MessagingException e) {
        throw new MailSendException("cannot write to the mail outbox " + outbox, e);
      }
    }
  }
}
