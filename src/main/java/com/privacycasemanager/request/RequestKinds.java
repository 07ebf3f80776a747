package com.privacycasemanager.request;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Every {@link RequestKind} of the application, by request type. Startup fails, naming the type,
 * when a type has no kind or two. The kinds are looked up once every singleton exists, so a host
 * and a right may use each other's beans without a constructor cycle.
 */
@Component
public class RequestKinds implements SmartInitializingSingleton {

  private final ObjectProvider<RequestKind> kinds;
  private volatile Map<RequestType, RequestKind> byType;

  public RequestKinds(ObjectProvider<RequestKind> kinds) {
    this.kinds = kinds;
  }

  @Override
  public void afterSingletonsInstantiated() {
    byType();
  }

  /** The kind of {@code type}. */
  public RequestKind of(RequestType type) {
    return byType().get(type);
  }

  /** The kind of the case's type. */
  public RequestKind of(CaseRecord record) {
    return of(record.type());
  }

  private Map<RequestType, RequestKind> byType() {
    Map<RequestType, RequestKind> map = byType;
    if (map == null) {
      map = index(kinds.orderedStream().toList());
      byType = map;
    }
    return map;
  }

  static Map<RequestType, RequestKind> index(List<RequestKind> kinds) {
    Map<RequestType, RequestKind> map = new EnumMap<>(RequestType.class);
    for (RequestKind kind : kinds) {
      for (RequestType type : kind.types()) {
        RequestKind other = map.putIfAbsent(type, kind);
        if (other != null) {
          throw new IllegalStateException("request type " + type + " has two kinds: "
              + other.getClass().getSimpleName() + " and " + kind.getClass().getSimpleName());
        }
      }
    }
    List<RequestType> missing = Arrays.stream(RequestType.values()).filter(t -> !map.containsKey(t)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no RequestKind bean handles request type(s) "
          + missing.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }
    return map;
  }
}
