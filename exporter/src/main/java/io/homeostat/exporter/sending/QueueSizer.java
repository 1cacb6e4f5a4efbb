package io.homeostat.exporter.sending;

import com.google.protobuf.Message;

/**
 * What {@code sending_queue.queue_size} counts ({@code sending_queue.sizer}), as in the
 * Collector's exporterhelper. Requests vary in size by orders of magnitude, so a queue that must
 * stay within a heap is better bounded by the items or bytes it holds than by its requests.
 */
public enum QueueSizer {
  /** Each export request counts one, whatever it holds (the Collector's default). */
  REQUESTS {
    @Override
    long sizeOf(Message request, int items) {
      return 1;
    }
  },
  /** Spans, metric data points or log records. */
  ITEMS {
    @Override
    long sizeOf(Message request, int items) {
      return Math.max(1, items);
    }
  },
  /**
   * The request's size in the protobuf encoding. Protobuf keeps the size it computes, so the
   * sender that encodes the request later does not compute it again.
   */
  BYTES {
    @Override
    long sizeOf(Message request, int items) {
      return Math.max(1, request.getSerializedSize());
    }
  };

  /**
   * How much of the queue {@code request}, of {@code items} items, takes: at least 1, so that
   * empty requests cannot pile up without bound.
   */
  abstract long sizeOf(Message request, int items);

  /** The unit in messages: "requests", "items", "bytes". */
  String unit() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
