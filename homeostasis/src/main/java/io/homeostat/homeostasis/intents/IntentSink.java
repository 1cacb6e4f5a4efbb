package io.homeostat.homeostasis.intents;

import io.homeostat.homeostasis.model.FeedbackIntent;

/** Where intents go: called on the delivery thread, one intent at a time. */
interface IntentSink extends AutoCloseable {

  /** Delivers {@code intent}, whose JSON is {@code json}; failures are counted and logged here. */
  void deliver(FeedbackIntent intent, byte[] json);

  /** Delivers what is under way, giving up when {@code deadlineNanos} ({@link System#nanoTime}) passes. */
  void close(long deadlineNanos);

  @Override
  default void close() {
    close(System.nanoTime());
  }
}
