package com.privacycasemanager.verification;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.RequestId;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The signed permission an authorized agent uploads (§7063(a)); kept with the case as part of its
 * record (§7101) and shown to the reviewer through the staff case file.
 */
@Component
public class AgentPermissions {

  public static final long MAX_BYTES = 1024 * 1024;
  static final Set<String> TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

  private final VerificationRepository verifications;
  private final IdentityVerification verification;
  private final CaseRepository cases;
  private final Clock clock;

  public AgentPermissions(VerificationRepository verifications, IdentityVerification verification, CaseRepository cases, Clock clock) {
    this.verifications = verifications;
    this.verification = verification;
    this.cases = cases;
    this.clock = clock;
  }

  /** Why a file cannot be accepted, or null when it can. */
  public String problemWith(String contentType, long size) {
    if (contentType == null || !TYPES.contains(contentType.toLowerCase(java.util.Locale.ROOT))) {
      return "Upload a PDF, PNG or JPEG file.";
    }
    if (size == 0 || size > MAX_BYTES) {
      return "Upload a file of at most 1 MB.";
    }
    return null;
  }

  /**
   * Keeps the file with the case and tells the case's process in the same transaction, so the review
   * task shows it however the upload and the process's steps interleave.
   */
  @Transactional
  public void store(RequestId id, MultipartFile file) throws IOException {
    String name = file.getOriginalFilename() == null ? "permission" : file.getOriginalFilename().replaceAll("[^A-Za-z0-9._-]", "_");
    verifications.recordAgentPermission(id, name.length() > 200 ? name.substring(0, 200) : name,
        file.getContentType().toLowerCase(java.util.Locale.ROOT), file.getBytes());
    cases.recordEvent(id, "AGENT_PERMISSION_UPLOADED", "bytes=" + file.getSize(), clock.instant());
    verification.agentPermissionUploaded(id);
  }
}
