package io.homeostat.exporter;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.testing.Await;
import java.time.Duration;

/** Runs an exporter's shutdown where a test can watch it. */
public final class ExporterThreads {

  private ExporterThreads() {}

  /**
   * Starts {@code exporter}'s shutdown on a thread of its own and returns that thread once it
   * waits for the sending queue to drain.
   */
  public static Thread shutdownInBackground(Exporter exporter) {
    Thread shutdown = new Thread(() -> exporter.shutdown(Deadline.in(Duration.ofSeconds(10))),
        "test-shutdown");
    shutdown.start();
    Await.until("shutdown to wait for the queue", () -> shutdown.getState() == Thread.State.TIMED_WAITING);
    return shutdown;
  }
}
