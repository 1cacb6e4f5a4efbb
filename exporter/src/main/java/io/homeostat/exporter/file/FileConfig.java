package io.homeostat.exporter.file;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * The {@code file} exporter's config, after the Collector's file exporter.
 *
 * @param path the file to append to (required); relative paths start at the config file's
 *     directory
 * @param format {@code json} (one OTLP/JSON export request per line, the default) or
 *     {@code proto} (each request as a 4-byte big-endian length and the protobuf bytes)
 * @param rotation when the file is renamed aside and a new one begun; on by default, so that a
 *     long-running server does not fill its disk
 * @param flushInterval how often written data is pushed from memory to the file
 */
public record FileConfig(String path, Format format, Rotation rotation, Duration flushInterval)
    implements Validatable {

  static final FileConfig DEFAULT =
      new FileConfig(null, Format.JSON, Rotation.DEFAULT, Duration.ofSeconds(1));

  /** The on-disk formats of the Collector's file exporter. */
  public enum Format { JSON, PROTO }

  /**
   * Size-based rotation as lumberjack does it: {@code telemetry.jsonl} becomes
   * {@code telemetry-2026-11-21T10-15-00.000.jsonl} (UTC) once it would pass
   * {@code max_megabytes}, and only the newest {@code max_backups} such files are kept.
   *
   * @param maxMegabytes the size in MiB at which the file is rotated
   * @param maxBackups how many rotated files to keep; 0 keeps them all
   */
  public record Rotation(int maxMegabytes, int maxBackups) implements Validatable {

    static final Rotation DEFAULT = new Rotation(100, 100);

    @Override
    public void validate(Violations violations) {
      if (maxMegabytes < 1) {
        violations.add("max_megabytes", "must be at least 1, was " + maxMegabytes
            + ": the size in MiB at which the file is rotated, such as 100");
      }
      if (maxBackups < 0) {
        violations.add("max_backups", "must not be negative, was " + maxBackups
            + ": how many rotated files to keep (0 keeps all), such as 100");
      }
    }
  }

  @Override
  public void validate(Violations violations) {
    if (path == null || path.isBlank()) {
      violations.add("path", "is required: the file to write, such as data/telemetry.jsonl "
          + "(relative paths start at the config file's directory)");
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      violations.add("flush_interval", "must be positive, was " + Durations.format(flushInterval)
          + ": how often written data reaches the file, such as 1s");
    }
  }
}
