package com.privacycasemanager.notification;

import com.privacycasemanager.request.CaseRecord;
import java.util.Map;

/**
 * What a request type's email shows beyond the case itself, read from where that type keeps it
 * (for example the outcome of each field of a correction). Implementations are Spring beans;
 * {@link ConsumerMail} asks each of them for every mail it renders.
 */
public interface MailDetails {

  /** Template variables for {@code template}, or an empty map when the template is not this type's. */
  Map<String, Object> details(CaseRecord record, String template);
}
