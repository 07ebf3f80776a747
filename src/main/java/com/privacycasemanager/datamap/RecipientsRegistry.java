package com.privacycasemanager.datamap;

import com.privacycasemanager.request.CaseRepository;
import com.privacycasemanager.request.CcpaCategory;
import com.privacycasemanager.request.RequestId;
import com.privacycasemanager.request.RequestKind;
import com.privacycasemanager.request.RequestKinds;
import com.privacycasemanager.request.RequestType;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${recipients}}: the service providers, contractors and third parties personal information
 * goes to, what they receive (sold, shared or for a business purpose), and which request types each
 * must be told about. Read from the {@code recipients} section of the data map; startup fails with
 * a message naming the entry when an entry is wrong.
 */
@Component("recipients")
public class RecipientsRegistry {

  private final Map<String, Recipient> byId;
  private final String publicBaseUrl;
  private final RequestKinds kinds;
  private final CaseRepository cases;

  public RecipientsRegistry(
      ConnectedSystems systems,
      @Value("${privacy.data-map.location}") String location,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      RequestKinds kinds,
      CaseRepository cases) {
    this.byId = load(systems.map().recipients(), location);
    this.publicBaseUrl = publicBaseUrl;
    this.kinds = kinds;
    this.cases = cases;
  }

  public Collection<Recipient> all() {
    return byId.values();
  }

  public Optional<Recipient> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Recipient get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no recipient '" + id + "' in the registry"));
  }

  /**
   * The ids of the recipients that must be told about a request of this type (multi-instance
   * collection). Third parties only when the request's kind tells them (a correction goes to
   * service providers and contractors only, §7023(c)).
   */
  public List<String> idsFor(String requestType) {
    RequestType type = RequestType.valueOf(requestType);
    Set<RequestType> registeredFor = kinds.of(type).recipientsRegisteredFor(type);
    return byId.values().stream()
        .filter(r -> r.requestTypes().stream().anyMatch(registeredFor::contains))
        .filter(r -> kinds.of(type).tellsThirdParties(type) || r.kind() != RecipientKind.THIRD_PARTY)
        .map(Recipient::id)
        .toList();
  }

  /**
   * The ids of the recipients that must be told about this case (notify-recipients' multi-instance
   * collection): those the case's kind names for it ({@link RequestKind#recipientsOf}), each once,
   * or else those registered for its type ({@link #idsFor(String)}).
   */
  public List<String> idsFor(String requestType, String requestId) {
    RequestType type = RequestType.valueOf(requestType);
    return kinds.of(type).recipientsOf(cases.get(new RequestId(requestId)))
        .map(ids -> ids.stream().distinct().map(id -> get(id).id()).toList())
        .orElseGet(() -> idsFor(requestType));
  }

  public boolean hasEndpoint(String id) {
    return get(id).hasEndpoint();
  }

  public String nameOf(String id) {
    Recipient r = get(id);
    return r.name() + " (" + r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
  }

  public String contactOf(String id) {
    String contact = get(id).contact();
    return contact == null ? "no contact on file" : contact;
  }

  /** Where a reviewer opens the case file (identifiers included) for a manual notice. */
  public String caseFileUrl(DelegateExecution execution) {
    return publicBaseUrl + "/staff/cases/" + execution.getProcessBusinessKey();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Recipient> load(List<Map<String, Object>> list, String location) {
    Map<String, Recipient> result = new LinkedHashMap<>();
    int index = 0;
    for (Map<String, Object> entry : list) {
      String where = "data map " + location + ": recipients[" + index++ + "]";
      String id = required(entry, "id", where);
      where = "data map " + location + ": recipient '" + id + "'";
      if (result.containsKey(id)) {
        throw new IllegalStateException(where + " appears twice");
      }
      RecipientKind kind = enumValue(RecipientKind.class, required(entry, "kind", where), where + " kind");
      EnumSet<RequestType> types = EnumSet.noneOf(RequestType.class);
      for (Object t : (List<Object>) entry.getOrDefault("requestTypes", new ArrayList<>())) {
        types.add(enumValue(RequestType.class, t.toString(), where + " requestTypes"));
      }
      Recipient.Disclosure disclosure =
          enumValue(Recipient.Disclosure.class, String.valueOf(entry.getOrDefault("disclosure", "BUSINESS_PURPOSE")), where + " disclosure");
      if (kind != RecipientKind.THIRD_PARTY && disclosure != Recipient.Disclosure.BUSINESS_PURPOSE) {
        throw new IllegalStateException(where + ": a " + kind + " receives data for a business purpose; only a THIRD_PARTY is sold or shared to");
      }
      EnumSet<CcpaCategory> categories = EnumSet.noneOf(CcpaCategory.class);
      for (Object c : (List<Object>) entry.getOrDefault("categories", new ArrayList<>())) {
        categories.add(enumValue(CcpaCategory.class, c.toString(), where + " categories"));
      }
      String endpointText = (String) entry.get("endpoint");
      URI endpoint = null;
      if (endpointText != null && !endpointText.isBlank()) {
        endpoint = URI.create(endpointText);
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
          throw new IllegalStateException(where + ": endpoint must be an http(s) URL");
        }
      }
      String secret = (String) entry.get("secret");
      if (endpoint != null && (secret == null || secret.length() < 16)) {
        throw new IllegalStateException(where + ": a recipient with an endpoint needs a secret of at least 16 characters");
      }
      Recipient.Acknowledgement ack =
          enumValue(
              Recipient.Acknowledgement.class,
              String.valueOf(entry.getOrDefault("acknowledgement", "ON_DELIVERY")).toUpperCase(Locale.ROOT).replace('-', '_'),
              where + " acknowledgement");
      result.put(
          id,
          new Recipient(
              id,
              String.valueOf(entry.getOrDefault("name", id)),
              kind,
              types,
              endpoint,
              secret,
              ack,
              (String) entry.get("contact"),
              disclosure,
              categories));
    }
    return result;
  }

  private static String required(Map<String, Object> entry, String key, String where) {
    Object value = entry.get(key);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException(where + ": '" + key + "' is required");
    }
    return value.toString();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": '" + value + "' is not one of " + EnumSet.allOf(type));
    }
  }
}
