package io.homeostat.server.config;

import io.homeostat.core.component.ComponentFactory;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;

/**
 * A configured component: its id, the factory of its type, and its bound, validated config.
 *
 * <p>Two specs are equal when their ids, kinds, factory classes and configs are: factories are
 * stateless, and each load of a config makes its own, so a reload can tell an unchanged component.
 */
public record ComponentSpec(ComponentId id, ComponentKind kind, ComponentFactory<?> factory,
    Record config) {

  @Override
  public boolean equals(Object other) {
    return other instanceof ComponentSpec that && id.equals(that.id) && kind == that.kind
        && factory.getClass() == that.factory.getClass() && config.equals(that.config);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, kind, factory.getClass(), config);
  }
}
