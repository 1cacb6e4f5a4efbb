package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.ByteString;

/** A span a point counted, so that a dashboard can lead from the point to its trace. */
record SpanExemplar(ByteString traceId, ByteString spanId, double duration, long timeNanos) {}
