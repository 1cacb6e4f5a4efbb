package io.homeostat.exporter.sending;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.exporter.sending.Checkpoint.CorruptCheckpointException;
import io.homeostat.exporter.sending.RecordFormat.CorruptRecordException;
import io.homeostat.exporter.sending.RecordFormat.Head;
import io.homeostat.exporter.sending.RecentRequests.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sending queue on disk: requests survive an outage of the backend and a restart of the server,
 * killed or not. The log is a series of {@link Segment} files of framed records
 * ({@link RecordFormat}) in {@code storage/<exporter>} ({@link QueueDirectory}).
 *
 * <p>{@link #offer} (the pipeline thread) frames the request and appends it with one write; once
 * that returns, the request is in the page cache and survives the process, so the client may be
 * answered. {@code fsync} decides when it is also forced to the device. A segment that reached
 * {@code segment_size} is followed by a new one. Senders {@link #take} records in order, from
 * memory while they keep up ({@link RecentRequests}), from disk otherwise, and end them in any
 * order; the lowest offset still in flight ({@link InFlight}) is the acknowledged offset, written
 * to the {@link Checkpoint} at most every {@link #CHECKPOINT_INTERVAL}, after which segments wholly
 * behind it are deleted.
 *
 * <p>After a crash the queue starts again at the checkpoint ({@link RecoveryScan}): at least once,
 * nothing acknowledged to a client lost. Sent again are the requests in flight at the crash, those
 * delivered in the last {@link #CHECKPOINT_INTERVAL}, and those delivered after a request that was
 * still being retried (the checkpoint cannot pass it).
 *
 * <p>Locks: {@code writeLock} orders writers (in practice the one pipeline thread) and is held
 * during the write; {@code lock} guards the positions, counts and reads, and is held only briefly
 * by the writer, so that senders never wait for a write to the device. A single background thread
 * writes checkpoints, deletes segments and, with {@code fsync: interval}, forces writes.
 */
final class DiskQueue implements RequestQueue {

  private static final Logger log = LoggerFactory.getLogger(DiskQueue.class);
  /** How far behind the deliveries the checkpoint may be: the duplicates after a crash. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(100);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** How long close waits for a checkpoint or fsync under way. */
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final String id;
  private final Path path;
  private final QueueConfig config;
  private final MetricRegistry registry;
  private final Counter corruptBytes;
  private final RateLimitedLog failures;
  private final LongSupplier clock;
  private final String fullOfRequests;
  private final String fullOfBytes;

  private final Object writeLock = new Object();
  /** Held by the writer only. */
  private final RecordFormat encoder = new RecordFormat();
  private Segment active;
  private boolean rollNext;
  private boolean closedToWrites;
  private String refusal;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  /** Guarded by {@code lock}. */
  private final InFlight inFlight = new InFlight();
  private final RecentRequests recent;
  private NavigableMap<Long, Segment> segments;
  private ReadCursor cursor;
  /** Written under {@code lock}, read anywhere. */
  private volatile long waiting;
  private volatile long bytes;

  /** Used by the background thread, and by close once it stopped. */
  private QueueDirectory directory;
  private Checkpoint checkpoint;
  private long checkpointed = -1;
  private ScheduledExecutorService background;

  DiskQueue(ComponentSettings settings, QueueConfig config) {
    this(settings, config, System::currentTimeMillis);
  }

  /** With the wall clock chosen, so that tests can age records. */
  DiskQueue(ComponentSettings settings, QueueConfig config, LongSupplier clock) {
    this.id = settings.id().toString();
    this.path = QueueDirectory.of(settings.resolve(config.storage()), settings.id());
    this.config = config;
    this.registry = settings.metrics();
    this.clock = clock;
    this.recent = new RecentRequests(2 * config.numConsumers());
    this.failures = new RateLimitedLog(log, LOG_INTERVAL);
    this.corruptBytes = registry.counter("homeostat_exporter_queue_corrupt_bytes_total",
        "Bytes of the disk queue dropped because their records did not check: torn by a crash "
            + "or damaged on disk.", "exporter", id);
    this.fullOfRequests = "its disk queue is full (" + config.capacity() + " requests). The "
        + "backend is slow or unreachable (see the failures logged before this), or the queue is "
        + "too small for the load: raise sending_queue.queue_size or num_consumers";
    this.fullOfBytes = "its disk queue in " + path + " is full (" + config.maxSize()
        + " on disk, its max_size). The backend is slow or unreachable (see the failures logged "
        + "before this): raise sending_queue.max_size";
  }

  /** The queue's own directory. */
  Path path() {
    return path;
  }

  @Override
  public void open() throws IOException {
    try {
      directory = QueueDirectory.lock(path);
    } catch (IOException e) {
      throw new IOException("exporter " + id + " cannot open its disk queue " + path + ": "
          + (e instanceof QueueDirectory.InUseException ? e.getMessage()
              : e + "; check that the directory can be created and written"), e);
    }
    try {
      checkpoint = new Checkpoint(path);
      checkpointed = readCheckpoint();
      recover(RecoveryScan.scan(path, checkpointed, this::reportCorruption));
    } catch (IOException | RuntimeException e) {
      closeFiles();
      throw new IOException("exporter " + id + " cannot open its disk queue " + path + ": " + e
          + "; check that the directory is writable and has free space", e);
    }
    registry.gauge("homeostat_exporter_queue_bytes", "Bytes the disk queue holds on disk.",
        () -> bytes, "exporter", id);
    registry.gauge("homeostat_exporter_queue_oldest_age_seconds", "Age of the oldest request "
        + "in the disk queue not yet delivered; 0 when it is empty.", this::oldestAgeSeconds,
        "exporter", id);
    background = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "exporter-" + id + "-disk-queue");
      thread.setDaemon(true);
      return thread;
    });
    long every = CHECKPOINT_INTERVAL.toNanos();
    background.scheduleWithFixedDelay(this::checkpoint, every, every, TimeUnit.NANOSECONDS);
    if (config.fsync() == FsyncPolicy.INTERVAL) {
      long interval = config.fsyncInterval().toNanos();
      background.scheduleWithFixedDelay(this::force, interval, interval, TimeUnit.NANOSECONDS);
    }
  }

  private long readCheckpoint() throws IOException {
    try {
      return checkpoint.read();
    } catch (CorruptCheckpointException e) {
      log.atWarn().addKeyValue("exporter", id).addKeyValue("file", checkpoint.file())
          .log("exporter {}: the disk queue's checkpoint {} cannot be read ({}); sending its "
              + "queue again from the first segment: the backend may receive some requests "
              + "twice", id, checkpoint.file(), e.getMessage());
      return -1;
    }
  }

  private void recover(RecoveryScan.Result found) throws IOException {
    segments = found.segments();
    long base = Math.max(0, checkpointed);
    if (!segments.isEmpty()) {
      base = Math.max(base, segments.lastEntry().getValue().end());
    }
    active = Segment.create(path, base);
    if (config.fsync() != FsyncPolicy.NEVER) {
      active.sync();
      directory.sync();
    }
    segments.put(base, active);
    long size = 0;
    for (Segment segment : segments.values()) {
      size += segment.size();
    }
    bytes = size;
    waiting = found.records();
    cursor = new ReadCursor(segments,
        found.readFrom() >= 0 ? found.readFrom() : base + Segment.HEADER);
    if (waiting > 0) {
      log.atInfo().addKeyValue("exporter", id).addKeyValue("requests", waiting)
          .addKeyValue("bytes", size)
          .log("exporter {} resumes its disk queue {}: {} requests to send", id, path, waiting);
    }
  }

  @Override
  public boolean offer(Signal signal, Message request, int items) {
    synchronized (writeLock) {
      if (closedToWrites) {
        refusal = "its disk queue is closed";
        return false;
      }
      if (waiting >= config.capacity()) {
        refusal = fullOfRequests;
        return false;
      }
      long now = clock.getAsLong();
      int size = encoder.encode(signal, items, now, request);
      Segment segment = active;
      boolean roll = rollNext || segment.size() > Segment.HEADER
          && segment.size() + size > config.segmentSize().bytes();
      if (bytes + size + (roll ? Segment.HEADER : 0) > config.maxSize().bytes()) {
        refusal = fullOfBytes;
        return false;
      }
      try {
        if (roll) {
          segment = roll(segment);
        }
        segment.write(encoder.array(), size);
        if (config.fsync() == FsyncPolicy.ALWAYS) {
          segment.sync();
        }
      } catch (IOException e) {
        refusal = "its disk queue cannot write to " + segment.file() + " (" + e.getMessage()
            + "). Check the free space and the permissions of " + path;
        discardPartialWrite(segment);
        return false;
      }
      long offset = segment.end();
      lock.lock();
      try {
        segment.appended(size);
        bytes += size;
        waiting++;
        recent.add(new Entry(offset, size, signal, items, now, request));
        notEmpty.signal();
      } finally {
        lock.unlock();
      }
      return true;
    }
  }

  private Segment roll(Segment full) throws IOException {
    Segment next = Segment.create(path, full.end());
    if (config.fsync() == FsyncPolicy.ALWAYS) {
      next.sync();
      directory.sync();
    }
    lock.lock();
    try {
      segments.put(next.base(), next);
      bytes += next.size();
      active = next;
    } finally {
      lock.unlock();
    }
    rollNext = false;
    return next;
  }

  /** A failed write may have left part of a record: cut it, or start a new segment next time. */
  private void discardPartialWrite(Segment segment) {
    if (segment != active) {
      return;
    }
    try {
      segment.truncate(segment.size());
    } catch (IOException e) {
      rollNext = true;
    }
  }

  @Override
  public String refusal() {
    synchronized (writeLock) {
      return refusal;
    }
  }

  @Override
  public Job take() throws InterruptedException {
    while (true) {
      Object next;
      lock.lockInterruptibly();
      try {
        while (waiting == 0) {
          notEmpty.await();
        }
        next = next();
      } finally {
        lock.unlock();
      }
      Job job = next instanceof Stored stored ? parse(stored) : (Job) next;
      if (job != null) {
        return job;
      }
    }
  }

  /** A record read from disk, to be parsed outside the lock. */
  private record Stored(long offset, Head head, byte[] body) {}

  /** The record at the read position: a job from memory, a {@link Stored}, or null if corrupt. */
  private Object next() {
    cursor.advance(active);
    long offset = cursor.position();
    Entry cached = recent.take(offset);
    if (cached != null) {
      taken(offset, cached.size(), cached.writtenAtMillis());
      return new Job(cached.signal(), cached.request(), cached.items(), offset, 1);
    }
    try {
      Head head = cursor.head();
      byte[] body = cursor.body(head);
      taken(offset, head.size(), head.writtenAtMillis());
      return new Stored(offset, head, body);
    } catch (CorruptRecordException | IOException e) {
      // Found after the start: what follows in the file cannot be framed, so it is lost.
      Segment segment = cursor.segment();
      reportCorruption(segment.file(), offset - segment.base(), segment.end() - offset,
          e.getMessage(), false);
      waiting -= cursor.skipRest();
      return null;
    }
  }

  private void taken(long offset, long size, long writtenAtMillis) {
    cursor.took(size);
    waiting--;
    inFlight.add(offset, writtenAtMillis);
  }

  private Job parse(Stored stored) {
    Head head = stored.head();
    try {
      Message request = OtlpRequests.parser(head.signal()).parseFrom(stored.body(),
          RecordFormat.BODY_PREFIX, head.bodyLength() - RecordFormat.BODY_PREFIX);
      return new Job(head.signal(), request, head.items(), stored.offset(), 1);
    } catch (InvalidProtocolBufferException e) {
      corruptBytes.add(head.size());
      failures.warn("unreadable", "exporter " + id + " dropped a " + head.signal().configName()
          + " request of its disk queue in " + path + " that checks but cannot be parsed ("
          + e.getMessage() + "): was the queue written by another version?", null);
      end(stored.offset());
      return null;
    }
  }

  @Override
  public void done(Job job) {
    end(job.offset());
  }

  private void end(long offset) {
    lock.lock();
    try {
      inFlight.remove(offset);
    } finally {
      lock.unlock();
    }
  }

  /** Stays in flight: the checkpoint does not pass it, and the next start sends it again. */
  @Override
  public void abandon(Job job) {}

  @Override
  public int size() {
    return (int) Math.min(Integer.MAX_VALUE, waiting);
  }

  @Override
  public int waitingRequests() {
    return size();
  }

  @Override
  public int capacity() {
    return config.capacity();
  }

  private double oldestAgeSeconds() {
    lock.lock();
    try {
      long writtenAt = inFlight.oldestWrittenAt(-1);
      if (writtenAt < 0 && waiting > 0) {
        writtenAt = writtenAtOfNext();
      }
      return writtenAt < 0 ? 0 : Math.max(0, clock.getAsLong() - writtenAt) / 1e3;
    } finally {
      lock.unlock();
    }
  }

  private long writtenAtOfNext() {
    cursor.advance(active);
    Entry cached = recent.peek(cursor.position());
    if (cached != null) {
      return cached.writtenAtMillis();
    }
    try {
      return cursor.head().writtenAtMillis();
    } catch (CorruptRecordException | IOException e) {
      return -1;
    }
  }

  /** The offset of the first record not yet delivered. */
  private long acknowledged() {
    lock.lock();
    try {
      return inFlight.lowest(cursor.position());
    } finally {
      lock.unlock();
    }
  }

  /** Writes the acknowledged offset if it moved, then deletes the segments behind it. */
  synchronized void checkpoint() {
    long offset = acknowledged();
    if (offset == checkpointed) {
      return;
    }
    try {
      checkpoint.write(offset, config.fsync() == FsyncPolicy.ALWAYS);
      checkpointed = offset;
    } catch (IOException | RuntimeException e) {
      failures.warn("checkpoint", "exporter " + id + " cannot write the checkpoint of its disk "
          + "queue " + checkpoint.file() + " (" + e + "): after a restart it would send again "
          + "what was delivered since. Check the free space and the permissions of " + path,
          null);
      return;
    }
    deleteBefore(offset);
  }

  private void deleteBefore(long offset) {
    List<Segment> delivered = new ArrayList<>();
    lock.lock();
    try {
      for (Iterator<Segment> it = segments.values().iterator(); it.hasNext(); ) {
        Segment segment = it.next();
        if (segment == active || segment == cursor.segment() || segment.end() > offset) {
          break;
        }
        it.remove();
        bytes -= segment.size();
        delivered.add(segment);
      }
    } finally {
      lock.unlock();
    }
    for (Segment segment : delivered) {
      try {
        segment.delete();
      } catch (IOException e) {
        failures.warn("delete", "exporter " + id + " cannot delete " + segment.file()
            + ", a delivered segment of its disk queue (" + e + "); check the permissions of "
            + path, null);
      }
    }
  }

  /** Forces what was written since the last call to the device ({@code fsync: interval}). */
  void force() {
    List<Segment> all;
    lock.lock();
    try {
      all = List.copyOf(segments.values());
    } finally {
      lock.unlock();
    }
    for (Segment segment : all) {
      try {
        segment.sync();
      } catch (IOException e) {
        failures.warn("fsync", "exporter " + id + " cannot force " + segment.file() + " to the "
            + "disk (" + e + "): a power loss could take requests written since", null);
      }
    }
  }

  private void reportCorruption(Path file, long position, long dropped, String reason,
      boolean lastFile) {
    corruptBytes.add(dropped);
    log.atWarn().addKeyValue("exporter", id).addKeyValue("file", file)
        .addKeyValue("offset", position).addKeyValue("dropped_bytes", dropped)
        .log(lastFile
            ? "exporter {}: the disk queue file {} has a record that does not check at byte {} "
                + "({}); cut the file there, dropping {} bytes. At the end of the newest file "
                + "this is what a crash or a power loss leaves of a write; the client of a "
                + "request torn this way was not answered and sends it again"
            : "exporter {}: the disk queue file {} has a record that does not check at byte {} "
                + "({}); skipped the rest of the file, {} bytes, and went on with the next one. "
                + "The requests in those bytes are lost: the file was damaged on disk (check the "
                + "device)", id, file, position, reason, dropped);
  }

  @Override
  public Unsent close() {
    background.shutdown();
    try {
      background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (writeLock) {
      closedToWrites = true;
    }
    Unsent kept = Unsent.keptIn(path);
    try {
      force();
      long offset = acknowledged();
      checkpoint.write(offset, true);
      directory.sync();
      deleteBefore(offset);
      count(offset, kept);
    } catch (IOException e) {
      log.atWarn().addKeyValue("exporter", id).setCause(e)
          .log("exporter {} could not close its disk queue {} cleanly: after the restart it may "
              + "send some requests again", id, path);
    }
    closeFiles();
    registry.removeGauge("homeostat_exporter_queue_bytes", "exporter", id);
    registry.removeGauge("homeostat_exporter_queue_oldest_age_seconds", "exporter", id);
    return kept;
  }

  /** Counts the records from {@code offset} on into {@code kept}, reading only their heads. */
  private void count(long offset, Unsent kept) throws IOException {
    byte[] scratch = new byte[RecordFormat.HEAD];
    lock.lock();
    try {
      for (Segment segment : segments.values()) {
        long at = Math.max(offset, segment.base() + Segment.HEADER);
        try {
          while (at < segment.end()) {
            Head head = segment.head(at, scratch);
            kept.add(head.signal(), head.items());
            at += head.size();
          }
        } catch (CorruptRecordException e) {
          // Reported at the next start, which cuts the file there.
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeFiles() {
    if (segments != null) {
      for (Segment segment : segments.values()) {
        try {
          segment.close();
        } catch (IOException e) {
          log.atWarn().addKeyValue("exporter", id).setCause(e)
              .log("exporter {} cannot close {}", id, segment.file());
        }
      }
    }
    try {
      directory.close();
    } catch (IOException e) {
      log.atWarn().addKeyValue("exporter", id).setCause(e)
          .log("exporter {} cannot release the lock of its disk queue {}", id, path);
    }
  }
}
