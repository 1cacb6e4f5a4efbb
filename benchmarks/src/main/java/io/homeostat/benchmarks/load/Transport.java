package io.homeostat.benchmarks.load;

import java.util.function.Consumer;

/**
 * Sends encoded export requests of one signal to an OTLP endpoint. Implementations send the bytes
 * they are given as they are, so the generator spends no CPU on encoding.
 */
public interface Transport extends AutoCloseable {

  /** Starts sending {@code body}; {@code onResult} is called once, on a transport thread. */
  void send(byte[] body, Consumer<SendResult> onResult);

  /** Releases connections and threads. */
  @Override
  void close();
}
