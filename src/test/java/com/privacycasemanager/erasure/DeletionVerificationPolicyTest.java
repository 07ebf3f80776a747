package com.privacycasemanager.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.privacycasemanager.datamap.Collector;
import com.privacycasemanager.datamap.ConnectedSystems;
import com.privacycasemanager.datamap.DemoBusiness;
import com.privacycasemanager.erasure.DeletionVerificationPolicy.DeletionVerification;
import com.privacycasemanager.request.CaseRecord;
import com.privacycasemanager.request.CaseStatus;
import com.privacycasemanager.request.Channel;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.RequestType;
import com.privacycasemanager.request.Subject;
import com.privacycasemanager.request.VerificationLevel;
import com.privacycasemanager.support.CaseTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** How sure a deletion must be of the requestor, by configuration and by the consumer's data (§7062(d)). */
class DeletionVerificationPolicyTest extends CaseTestSupport {

  @Autowired Collector collector;
  @Autowired ConnectedSystems systems;
  @Autowired RequestKinds kinds;

  @Test
  void deletionNeedsAReasonablyHighDegreeByDefaultAndOnlyForSensitiveDataWhenConfigured() {
    CaseRecord customer = deletion(DemoBusiness.customerEmail(5));
    CaseRecord stranger = deletion("nobody.here@example.org");
    assertThat(new DeletionVerificationPolicy(DeletionVerification.HIGH, collector, systems).requiredFor(stranger)).isEqualTo(VerificationLevel.HIGH);
    assertThat(new DeletionVerificationPolicy(DeletionVerification.REASONABLE, collector, systems).requiredFor(customer))
        .isEqualTo(VerificationLevel.REASONABLE);
    DeletionVerificationPolicy bySensitivity = new DeletionVerificationPolicy(DeletionVerification.BY_SENSITIVITY, collector, systems);
    assertThat(bySensitivity.requiredFor(customer)).as("the demo customer has an SSN and precise locations").isEqualTo(VerificationLevel.HIGH);
    assertThat(bySensitivity.requiredFor(stranger)).as("nothing sensitive is held").isEqualTo(VerificationLevel.REASONABLE);
    CaseRecord know = new CaseRecord(new RequestId("CCPA-20261101-0000000A"), RequestType.KNOW_CATEGORIES, Channel.API, CaseStatus.RECEIVED,
        Instant.EPOCH, null, Instant.EPOCH, null, null, null, new Subject("x@example.org", null, null, null, null, null));
    assertThat(kinds.of(know).requiredLevel(know)).as("other types keep their own level").isEqualTo(VerificationLevel.REASONABLE);
  }

  static CaseRecord deletion(String email) {
    return new CaseRecord(new RequestId("CCPA-20261101-0000000B"), RequestType.DELETE, Channel.API, CaseStatus.RECEIVED, Instant.EPOCH,
        null, Instant.EPOCH, null, null, null, new Subject(email, null, null, null, null, null));
  }
}
