package com.privacycasemanager.preference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /.well-known/gpc.json}: this site honours Global Privacy Control. */
@RestController
@Tag(name = "Preferences")
public class GpcWellKnownController {

  private final LocalDate lastUpdate;

  public GpcWellKnownController(@Value("${privacy.gpc.last-update:2026-11-24}") LocalDate lastUpdate) {
    this.lastUpdate = lastUpdate;
  }

  @Operation(summary = "The GPC support resource (GPC specification §3.5)")
  @GetMapping(path = "/.well-known/gpc.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> gpc() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("gpc", true);
    body.put("lastUpdate", lastUpdate.toString());
    return body;
  }
}
