package io.homeostat.core.pipeline;

import io.homeostat.core.component.Lifecycle;

/**
 * A source of export requests. {@link #start} returns once the receiver listens; from then on it
 * hands requests to the {@link RequestConsumer}s it was created with. {@link #shutdown} stops
 * accepting new requests; calls under way still get their answer.
 */
public interface Receiver extends Lifecycle {}
