package io.homeostat.homeostasis.intents;

import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.FeedbackIntent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code feedback.intents.file}: each intent appended as one line of JSON and flushed, so that
 * {@code tail -f} and log shippers see it at once. The file is opened (and its directory made) at
 * the first intent; after a failed write it is opened again at the next one.
 */
final class JsonLinesFile implements IntentSink {

  private final Path path;
  private final Counter failed;
  private final RateLimitedLog log;
  private OutputStream out;

  JsonLinesFile(Path path, Counter failed, RateLimitedLog log) {
    this.path = path;
    this.failed = failed;
    this.log = log;
  }

  @Override
  public void deliver(FeedbackIntent intent, byte[] json) {
    try {
      if (out == null) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE));
      }
      out.write(json);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      failed.inc();
      log.warn("file", "cannot append intent " + intent.intentId() + " to " + path
          + ": check that the directory is writable and has space", e);
      closeQuietly();
    }
  }

  @Override
  public void close(long deadlineNanos) {
    closeQuietly();
  }

  private void closeQuietly() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      log.warn("file-close", "closing " + path + " failed", e);
    }
    out = null;
  }
}
