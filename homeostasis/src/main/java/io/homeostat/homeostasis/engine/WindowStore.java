package io.homeostat.homeostasis.engine;

import io.homeostat.core.telemetry.Counter;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.window.TimeWindow;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the targets' windows in {@code homeostasis-windows.bin} under the data directory across a
 * restart or a reload: written once when the engine closes, read once when the next one starts. So
 * a target gives its verdict at once after a restart instead of waiting for {@code min_samples}
 * records again, and an SLO target keeps its days of history.
 *
 * <p>Binary, as the windows are many numbers and sketches (DDSketch's own encoding): a magic number
 * and a version, the time it was written, then per target its key, its spec as text (a target
 * whose spec changed starts empty, as {@link HomeostasisEngine#replace} would give it), its
 * measure's kind, when it started watching, when its data last came, and each window of its
 * measure. Written whole to a temporary file and renamed over the old one. A file that cannot be
 * read is reported once and left alone (the next close writes over it): it never stops the server.
 */
final class WindowStore {

  static final String NAME = "homeostasis-windows.bin";
  /** "HMWN". */
  private static final int MAGIC = 0x484d574e;
  /** Raised whenever what is written changes; a file of another version is not read. */
  static final int VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(WindowStore.class);

  /** One target's windows as saved. */
  record SavedWindows(String spec, String kind, long watchStart, long lastData,
      List<TimeWindow.Saved> windows) {}

  /** What a file held: when it was written, and each target's windows by key. */
  record Saved(long savedAt, Map<TargetKey, SavedWindows> targets) {

    static final Saved NONE = new Saved(0, Map.of());
  }

  private final Path file;
  private final Counter failures;

  WindowStore(Path dir, Counter failures) {
    this.file = dir.resolve(NAME);
    this.failures = failures;
  }

  /** What was saved at the last close; {@link Saved#NONE} when nothing was, or it is unreadable. */
  Saved load() {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      int magic = in.readInt();
      int version = in.readInt();
      if (magic != MAGIC) {
        throw new IOException("it is not a windows file (it starts with 0x"
            + Integer.toHexString(magic) + ")");
      }
      if (version != VERSION) {
        throw new IOException("it was written by another version of Homeostat (format "
            + version + ", this one reads " + VERSION + ")");
      }
      long savedAt = in.readLong();
      int count = in.readInt();
      Map<TargetKey, SavedWindows> targets = new HashMap<>();
      for (int i = 0; i < count; i++) {
        TargetKey key = new TargetKey(in.readUTF(), in.readUTF());
        String spec = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        String kind = in.readUTF();
        long watchStart = in.readLong();
        long lastData = in.readLong();
        int windows = in.readInt();
        List<TimeWindow.Saved> saved = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
          saved.add(TimeWindow.readFrom(in));
        }
        targets.put(key, new SavedWindows(spec, kind, watchStart, lastData, saved));
      }
      if (in.read() != -1) {
        throw new IOException("it goes on after its last target");
      }
      return new Saved(savedAt, targets);
    } catch (NoSuchFileException e) {
      return Saved.NONE;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read the homeostasis windows saved in {} ({}); every target starts with an "
          + "empty window. Nothing is lost but the history: the file is written over at the next "
          + "stop. If this repeats, check the data directory's disk", file, e.toString());
      return Saved.NONE;
    }
  }

  /** Writes the windows of every target that has a measure, as of {@code now}. */
  void save(List<Watch> watches, long now) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(NAME + ".tmp");
      try (DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(Files.newOutputStream(temp)))) {
        List<Watch> saved = watches.stream().filter(watch -> watch.measure() != null).toList();
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(now);
        out.writeInt(saved.size());
        for (Watch watch : saved) {
          out.writeUTF(watch.spec.requirement());
          out.writeUTF(watch.spec.name());
          byte[] spec = watch.spec.identity().getBytes(StandardCharsets.UTF_8);
          out.writeInt(spec.length);
          out.write(spec);
          out.writeUTF(watch.measureKind());
          out.writeLong(watch.watchStart);
          out.writeLong(watch.lastData());
          List<TimeWindow> windows = watch.measure().windows();
          out.writeInt(windows.size());
          for (TimeWindow window : windows) {
            window.writeTo(out);
          }
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      failures.inc();
      LOG.warn("cannot save the homeostasis windows to {} ({}); after this restart the targets "
          + "start with empty windows: check the data directory's space and permissions", file,
          e.toString());
    }
  }

  /**
   * Gives {@code watch} the windows saved for it, if its spec is unchanged and its windows are of
   * the saved geometry; returns whether it took them. The time the server was down does not count
   * as silence for {@code notify_no_data}: the no-data clock resumes where it stopped.
   */
  static boolean restore(Watch watch, Saved saved, long now) {
    SavedWindows target = saved.targets().get(watch.spec.key());
    if (target == null || !target.spec().equals(watch.spec.identity())
        || !watch.restoreKind(target.kind())) {
      return false;
    }
    Measure measure = watch.measure();
    List<TimeWindow> windows = measure.windows();
    if (windows.size() != target.windows().size()) {
      return false;
    }
    for (int i = 0; i < windows.size(); i++) {
      if (!windows.get(i).fits(target.windows().get(i))) {
        return false;
      }
    }
    for (int i = 0; i < windows.size(); i++) {
      windows.get(i).restore(target.windows().get(i), now);
    }
    measure.restoredSince(target.watchStart());
    long down = Math.max(0, now - saved.savedAt());
    watch.restoreLastData(Math.min(now, target.lastData() + down));
    return true;
  }
}
