package io.homeostat.server.config;

import io.homeostat.core.component.ComponentFactory;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;

/** A configured component: its id, the factory of its type, and its bound, validated config. */
public record ComponentSpec(ComponentId id, ComponentKind kind, ComponentFactory<?> factory,
    Record config) {}
