package io.homeostat.core.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * State shared by the components of one running server, such as what a processor with one id
 * learns in its traces pipeline and needs in its logs pipeline (each pipeline has its own
 * processor instance). One per server, so that two servers in one JVM never share by accident.
 */
public final class SharedState {

  private final Map<String, Object> values = new ConcurrentHashMap<>();

  /** The value under {@code key}, created by {@code create} the first time it is asked for. */
  public <T> T get(String key, Class<T> type, Supplier<T> create) {
    return type.cast(values.computeIfAbsent(key, k -> create.get()));
  }
}
