package io.homeostat.exporter.file;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.Sender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each request to a {@link RotatingFile} in the configured format, from the helper's one
 * consumer thread; a timer pushes buffered bytes to the file every {@code flush_interval}.
 */
final class FileSender implements Sender {

  private static final Logger log = LoggerFactory.getLogger(FileSender.class);

  private final String id;
  private final FileConfig.Format format;
  private final Duration flushInterval;
  private final RotatingFile file;
  private final RateLimitedLog failures = new RateLimitedLog(log, Duration.ofSeconds(10));
  /** One request's bytes, reused: only the consumer thread encodes. */
  private final ByteArrayOutputStream record = new ByteArrayOutputStream(64 << 10);
  /** Guards {@link #file} between the consumer and the flush timer. */
  private final Object lock = new Object();
  private ScheduledExecutorService flusher;

  FileSender(ComponentSettings settings, FileConfig config, Clock clock) {
    this.id = settings.id().toString();
    this.format = config.format();
    this.flushInterval = config.flushInterval();
    this.file = new RotatingFile(settings.resolve(config.path()),
        (long) config.rotation().maxMegabytes() << 20, config.rotation().maxBackups(), clock);
  }

  @Override
  public void start() throws IOException {
    try {
      file.open();
    } catch (IOException e) {
      throw new IOException("exporter " + id + " cannot open '" + file.path() + "' for appending: "
          + e + " (check the path and the permissions of its directory)", e);
    }
    flusher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "exporter-" + id + "-flush");
      thread.setDaemon(true);
      return thread;
    });
    long nanos = flushInterval.toNanos();
    flusher.scheduleWithFixedDelay(this::flush, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public Outcome.Accepted send(Signal signal, Message request, Deadline deadline)
      throws ExportException {
    record.reset();
    try {
      if (format == FileConfig.Format.JSON) {
        OtlpJson.encode(request, record);
        record.write('\n');
      } else {
        int length = request.getSerializedSize();
        record.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16),
            (byte) (length >>> 8), (byte) length});
        request.writeTo(record);
      }
      synchronized (lock) {
        file.write(record);
      }
    } catch (IOException e) {
      throw new ExportException("cannot write to '" + file.path() + "': " + e
          + "; check the free disk space and the permissions of the file and its directory", e);
    }
    return Outcome.ACCEPTED;
  }

  private void flush() {
    synchronized (lock) {
      try {
        file.flush();
      } catch (IOException e) {
        failures.warn("flush", "exporter " + id + " cannot flush '" + file.path() + "'; check "
            + "the free disk space", e);
      }
    }
  }

  @Override
  public void shutdown() {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    synchronized (lock) {
      try {
        file.close();
      } catch (IOException e) {
        log.atWarn().addKeyValue("exporter", id).addKeyValue("error", String.valueOf(e))
            .log("exporter {} cannot close '{}': data written last may be lost; check the free "
                + "disk space", id, file.path());
      }
    }
  }
}
