package io.homeostat.exporter.file;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file appended to in records, rotated by size as lumberjack (the Collector's file exporter)
 * does: before a record would take the file past its limit, the file is renamed to
 * {@code name-<UTC time>.ext} and a new one begun; then all but the newest {@code maxBackups}
 * rotated files are deleted. A record is never split across files.
 *
 * <p>Not thread-safe: the caller serialises writes and flushes.
 */
final class RotatingFile implements AutoCloseable {

  /** lumberjack's backup time format, so that tools written for it find the files. */
  private static final DateTimeFormatter BACKUP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS");
  private static final int BUFFER_BYTES = 64 << 10;

  private final Path path;
  private final long maxBytes;
  private final int maxBackups;
  private final Clock clock;
  private final String prefix;
  private final String extension;
  private final Pattern backupName;
  private OutputStream out;
  private long size;

  /**
   * @param maxBytes the size at which the file is rotated
   * @param maxBackups how many rotated files to keep; 0 keeps all
   * @param clock names the rotated files
   */
  RotatingFile(Path path, long maxBytes, int maxBackups, Clock clock) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.maxBackups = maxBackups;
    this.clock = clock;
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    this.prefix = (dot > 0 ? name.substring(0, dot) : name) + "-";
    this.extension = dot > 0 ? name.substring(dot) : "";
    this.backupName = Pattern.compile(Pattern.quote(prefix)
        + "(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3})" + Pattern.quote(extension));
  }

  Path path() {
    return path;
  }

  /** Opens the file for appending, creating it and its directories when missing. */
  void open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = new BufferedOutputStream(new FileOutputStream(path.toFile(), true), BUFFER_BYTES);
    size = Files.size(path);
  }

  /** Appends {@code record} whole, rotating first when it would not fit. */
  void write(ByteArrayOutputStream record) throws IOException {
    if (size > 0 && size + record.size() > maxBytes) {
      rotate();
    }
    record.writeTo(out);
    size += record.size();
  }

  void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private void rotate() throws IOException {
    out.close();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Path backup;
    // Two rotations within one millisecond must not overwrite each other.
    while (Files.exists(backup = path.resolveSibling(prefix
        + BACKUP_TIME.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + extension))) {
      at = at.plusMillis(1);
    }
    Files.move(path, backup);
    open();
    if (maxBackups > 0) {
      deleteOldBackups();
    }
  }

  private void deleteOldBackups() throws IOException {
    record Backup(Path path, LocalDateTime time) {}
    List<Backup> backups = new ArrayList<>();
    Path directory = path.toAbsolutePath().getParent();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Matcher m = backupName.matcher(entry.getFileName().toString());
        if (m.matches()) {
          try {
            backups.add(new Backup(entry, LocalDateTime.parse(m.group(1), BACKUP_TIME)));
          } catch (DateTimeParseException notOurs) {
            // A file that only looks like a backup is left alone.
          }
        }
      }
    }
    backups.sort(Comparator.comparing(Backup::time).reversed());
    for (Backup old : backups.subList(Math.min(maxBackups, backups.size()), backups.size())) {
      Files.deleteIfExists(old.path());
    }
  }
}
