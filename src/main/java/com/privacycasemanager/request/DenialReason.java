package com.privacycasemanager.request;

/**
 * Why a request was denied, as the optional split of the §7102 metrics names it: the consumer
 * could not be verified, the request did not come from a consumer, the information is exempt, or
 * any other ground (for example a reviewer's decision). Kept beside the free-text basis the
 * consumer reads, so the metrics never depend on its wording.
 */
public enum DenialReason {
  UNVERIFIED,
  NOT_A_CONSUMER,
  EXEMPT,
  OTHER
}
