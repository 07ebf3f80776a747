package com.privacycasemanager.notification;

import com.privacycasemanager.request.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code ${recipients}}: the service providers, contractors and third parties personal information
 * goes to, and which request types each must be told about. Read from YAML at {@code
 * privacy.recipients.location}; values may use {@code ${ENV_OR_PROPERTY}} placeholders (for
 * secrets). Startup fails with a message naming the entry when an entry is wrong.
 */
@Component("recipients")
public class RecipientsRegistry {

  private final Map<String, Recipient> byId;
  private final String publicBaseUrl;

  public RecipientsRegistry(
      @Value("${privacy.recipients.location}") String location,
      @Value("${privacy.public-base-url}") String publicBaseUrl,
      ResourceLoader resources,
      Environment environment) {
    this.byId = load(resources.getResource(location), location, environment);
    this.publicBaseUrl = publicBaseUrl;
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

  /** The ids of the recipients that must be told about a request of this type (multi-instance collection). */
  public List<String> idsFor(String requestType) {
    RequestType type = RequestType.valueOf(requestType);
    return byId.values().stream().filter(r -> r.requestTypes().contains(type)).map(Recipient::id).toList();
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
  private static Map<String, Recipient> load(Resource resource, String location, Environment env) {
    if (!resource.exists()) {
      throw new IllegalStateException("privacy.recipients.location: " + location + " does not exist");
    }
    Object root;
    try (InputStream in = resource.getInputStream()) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read recipients registry " + location, e);
    }
    Map<String, Recipient> result = new LinkedHashMap<>();
    if (root == null) {
      return result;
    }
    Object list = ((Map<String, Object>) root).get("recipients");
    if (list == null) {
      return result;
    }
    int index = 0;
    for (Object item : (List<Object>) list) {
      String where = location + ": recipients[" + index++ + "]";
      Map<String, Object> entry = (Map<String, Object>) item;
      String id = required(entry, "id", where);
      where = location + ": recipient '" + id + "'";
      if (result.containsKey(id)) {
        throw new IllegalStateException(where + " appears twice");
      }
      RecipientKind kind = enumValue(RecipientKind.class, required(entry, "kind", where), where + " kind");
      EnumSet<RequestType> types = EnumSet.noneOf(RequestType.class);
      for (Object t : (List<Object>) entry.getOrDefault("requestTypes", new ArrayList<>())) {
        types.add(enumValue(RequestType.class, t.toString(), where + " requestTypes"));
      }
      String endpointText = resolve(env, (String) entry.get("endpoint"));
      URI endpoint = null;
      if (endpointText != null && !endpointText.isBlank()) {
        endpoint = URI.create(endpointText);
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
          throw new IllegalStateException(where + ": endpoint must be an http(s) URL");
        }
      }
      String secret = resolve(env, (String) entry.get("secret"));
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
              (String) entry.get("contact")));
    }
    return result;
  }

  private static String resolve(Environment env, String value) {
    return value == null ? null : env.resolveRequiredPlaceholders(value);
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
