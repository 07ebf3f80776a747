package com.privacycasemanager.request;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Opens cases: one place for the intake API, the pages, GPC signals and {@code /engine-rest} starts. */
@Service
public class CaseRegistration {

  private final CaseRepository cases;
  private final DueDates deadlines;
  private final Clock clock;
  private final MeterRegistry meters;
  private final TransactionTemplate savepoint;

  public CaseRegistration(
      CaseRepository cases, DueDates deadlines, Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
    this.cases = cases;
    this.deadlines = deadlines;
    this.clock = clock;
    this.meters = meters;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Registers a case with a newly generated request id, or returns the one its idempotency key named. */
  @Transactional
  public RegisteredCase register(NewCase request) {
    Instant now = clock.instant();
    return register(request, RequestId.generate(now.atZone(deadlines.zone()).toLocalDate()), now);
  }

  /** Registers a case received at {@code receivedAt} (earlier than now: a batch dated by its first signal). */
  @Transactional
  public RegisteredCase register(NewCase request, Instant receivedAt) {
    return register(request, RequestId.generate(receivedAt.atZone(deadlines.zone()).toLocalDate()), receivedAt);
  }

  /** Registers a case under a given request id (a business key chosen by an engine-rest caller). */
  @Transactional
  public RegisteredCase register(NewCase request, RequestId id, Instant receivedAt) {
    String keyHash = request.idempotencyKey() == null ? null : Secrets.sha256Hex(request.idempotencyKey());
    String fingerprint = fingerprint(request);
    if (keyHash != null) {
      Optional<RegisteredCase> earlier = replay(keyHash, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    CaseRecord record =
        new CaseRecord(
            id,
            request.type(),
            request.channel(),
            CaseStatus.RECEIVED,
            receivedAt,
            null,
            deadlines.dueAt(request.type(), receivedAt),
            null,
            null,
            null,
            request.subject());
    if (keyHash == null) {
      // nothing to recover from a failed insert: it fails the request, so no savepoint is needed
      cases.insert(record, null, fingerprint, request.createdBy());
    } else {
      try {
        // Under a savepoint: PostgreSQL aborts the whole transaction on a failed insert, and a
        // request that lost the race for its idempotency key must still read the winner's case.
        savepoint.executeWithoutResult(status -> cases.insert(record, keyHash, fingerprint, request.createdBy()));
      } catch (DuplicateKeyException raced) {
        return replay(keyHash, fingerprint).orElseThrow(() -> raced);
      }
    }
    OpenedInThisTransaction.add(id);
    cases.recordEvent(id, "RECEIVED", "type=" + request.type() + " channel=" + request.channel(), receivedAt);
    meters.counter("pcm.cases.opened", "type", request.type().name(), "channel", request.channel().name()).increment();
    return new RegisteredCase(record, false);
  }

  /**
   * Whether this transaction itself inserted the case record of {@code id} (and it is still
   * uncommitted): then no other process instance can be running for it, since every case process
   * is started in the transaction that registers or finds its committed case. False outside a
   * transaction, in a REQUIRES_NEW transaction inside the registering one, and after commit.
   */
  static boolean openedInThisTransaction(RequestId id) {
    return OpenedInThisTransaction.contains(id);
  }

  /**
   * The request ids registered by the current transaction. Kept among its synchronizations (as
   * {@link AuditChain} keeps its entries), so that a REQUIRES_NEW transaction does not see them.
   */
  private static final class OpenedInThisTransaction implements TransactionSynchronization {
    private final Set<String> ids = new HashSet<>();

    static void add(RequestId id) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        return;
      }
      for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
        if (synchronization instanceof OpenedInThisTransaction opened) {
          opened.ids.add(id.value());
          return;
        }
      }
      OpenedInThisTransaction opened = new OpenedInThisTransaction();
      opened.ids.add(id.value());
      TransactionSynchronizationManager.registerSynchronization(opened);
    }

    static boolean contains(RequestId id) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()) {
        return false;
      }
      for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
        if (synchronization instanceof OpenedInThisTransaction opened) {
          return opened.ids.contains(id.value());
        }
      }
      return false;
    }
  }

  private Optional<RegisteredCase> replay(String keyHash, String fingerprint) {
    return cases
        .findByIdempotencyKey(keyHash)
        .map(
            row -> {
              if (!Objects.equals(row[1], fingerprint)) {
                throw new IdempotencyConflictException();
              }
              return new RegisteredCase(cases.get(new RequestId(row[0])), true);
            });
  }

  /** A keyed digest of what was asked, so a reused idempotency key with another body is detected. */
  private static String fingerprint(NewCase request) {
    Subject s = request.subject();
    return Secrets.sha256Hex(
        String.join(
            "\u0000",
            request.type().name(),
            String.valueOf(s.email()),
            String.valueOf(s.name()),
            String.valueOf(s.phone()),
            String.valueOf(s.deviceId()),
            String.valueOf(s.agentName()),
            String.valueOf(s.accountId())));
  }
}
