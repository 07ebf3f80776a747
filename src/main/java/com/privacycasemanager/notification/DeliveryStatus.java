package com.privacycasemanager.notification;

/** Where one recipient's notice stands. */
public enum DeliveryStatus {
  /** Registered; not sent yet (or being retried). */
  PENDING,
  /** Sent and answered 2xx; waiting for the recipient's acknowledgement. */
  DELIVERED,
  /** The recipient confirmed (on delivery, by callback, or as recorded by staff). */
  ACKNOWLEDGED,
  /** No endpoint: a reviewer must notify it by hand. */
  MANUAL_PENDING;

  /** How staff pages name the status. */
  public String label() {
    return switch (this) {
      case PENDING -> "Sending";
      case DELIVERED -> "Delivered, awaiting acknowledgement";
      case ACKNOWLEDGED -> "Acknowledged";
      case MANUAL_PENDING -> "To notify by hand";
    };
  }
}
