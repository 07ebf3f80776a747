package com.privacycasemanager.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code privacy.intake}: body size and per-client rate limit of the public endpoints. */
@ConfigurationProperties("privacy.intake")
public record IntakeProperties(Integer maxBodyBytes, RateLimit rateLimit) {

  public IntakeProperties {
    maxBodyBytes = maxBodyBytes == null ? 16384 : maxBodyBytes;
    rateLimit = rateLimit == null ? new RateLimit(30, 10) : rateLimit;
  }

  /** Requests per minute per client address, with a burst allowance. */
  public record RateLimit(int requestsPerMinute, int burst) {}
}
