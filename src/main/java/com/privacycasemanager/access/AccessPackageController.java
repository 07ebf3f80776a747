package com.privacycasemanager.access;

import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.Secrets;
import com.privacycasemanager.web.InvalidRequestException;
import com.privacycasemanager.web.RequestNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The released answer to a request to know: {@code /privacy/requests/{id}/download?token=…} (the
 * page the email links to) and {@code GET /api/privacy/requests/{id}/package?token=…} (the zip),
 * both with the case's status token, until the package expires.
 */
@Controller
class AccessPackageController {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

  private final AccessPackages packages;
  private final Secrets secrets;
  private final Clock clock;
  private final ZoneId zone;
  private final String businessName;

  public AccessPackageController(
      AccessPackages packages,
      Secrets secrets,
      Clock clock,
      @Value("${privacy.time-zone}") ZoneId zone,
      @Value("${privacy.mail.business-name}") String businessName) {
    this.packages = packages;
    this.secrets = secrets;
    this.clock = clock;
    this.zone = zone;
    this.businessName = businessName;
  }

  @GetMapping(path = "/api/privacy/requests/{id}/package", produces = {"application/zip", MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  @ResponseBody
  public ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam(required = false) String token) {
    RequestId requestId = authorised(id, token);
    AccessPackages.PackageInfo info = packages.find(requestId).orElseThrow(() -> new RequestNotFoundException());
    if (info.expired(clock.instant())) {
      throw new InvalidRequestException(HttpStatus.GONE, "package-expired",
          "The package expired on " + info.expiresAt() + "; make a new request.", Map.of());
    }
    byte[] zip = packages.open(requestId).orElseThrow(() -> new RequestNotFoundException());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("personal-information-" + id + ".zip").build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(zip);
  }

  @GetMapping("/privacy/requests/{id}/download")
  public String page(@PathVariable String id, @RequestParam(required = false) String token, Model model,
      HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    model.addAttribute("businessName", businessName);
    model.addAttribute("optOutHonored", false);
    Optional<AccessPackages.PackageInfo> info =
        RequestId.isValid(id) && secrets.isStatusToken(new RequestId(id), token) ? packages.find(new RequestId(id)) : Optional.empty();
    if (info.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("message", "There is no download for this link (yet). Open the link from our latest email.");
      return "privacy/status-missing";
    }
    AccessPackages.PackageInfo p = info.get();
    model.addAttribute("expired", p.expired(clock.instant()));
    model.addAttribute("specific", p.kind().equals("SPECIFIC"));
    model.addAttribute("rowCount", p.rowCount());
    model.addAttribute("size", p.sizeBytes() < 1024 ? p.sizeBytes() + " bytes" : (p.sizeBytes() + 1023) / 1024 + " KB");
    model.addAttribute("expiresOn", DATE.format(p.expiresAt().atZone(zone)));
    model.addAttribute("packageUrl", "/api/privacy/requests/" + id + "/package?token=" + token);
    return "privacy/download";
  }

  private RequestId authorised(String id, String token) {
    if (!RequestId.isValid(id)) {
      throw new InvalidRequestException(HttpStatus.BAD_REQUEST, "invalid-request", "The request id is malformed.",
          Map.of("id", "must look like CCPA-YYYYMMDD-XXXXXXXX"));
    }
    RequestId requestId = new RequestId(id);
    if (!secrets.isStatusToken(requestId, token)) {
      throw new RequestNotFoundException();
    }
    return requestId;
  }
}
