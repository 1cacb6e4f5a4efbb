package io.homeostat.exporter.sending;

import io.homeostat.exporter.sending.RecordFormat.CorruptRecordException;
import io.homeostat.exporter.sending.RecordFormat.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a disk queue finds when it opens: the segments an earlier run left, those wholly behind
 * the checkpoint deleted, every record after it read and its CRC checked. A segment is cut at
 * its first record that does not check (a crash tore the tail, or the file was damaged); what
 * follows in that file is reported and dropped, and the queue goes on with the next file. Nothing
 * found here stops the server from starting.
 */
final class RecoveryScan {

  /** Where a record that does not check is reported. */
  interface Corruption {

    /**
     * @param position where the bad record starts in {@code file}
     * @param dropped bytes dropped from there
     * @param lastFile true when no segment follows: a torn tail, normal after a crash
     */
    void found(Path file, long position, long dropped, String reason, boolean lastFile);
  }

  /**
   * @param segments the segments left, by base, each cut to its last whole record
   * @param readFrom the offset of the first record to send, or -1 when no segment is left
   * @param records the records to send
   */
  record Result(NavigableMap<Long, Segment> segments, long readFrom, long records) {}

  private RecoveryScan() {}

  /**
   * Scans {@code dir}, starting at offset {@code checkpoint} (-1 when none could be read: from
   * the first segment).
   */
  static Result scan(Path dir, long checkpoint, Corruption corruption) throws IOException {
    List<Segment> found = segmentsIn(dir);
    NavigableMap<Long, Segment> kept = new TreeMap<>();
    long records = 0;
    byte[] scratch = new byte[RecordFormat.HEAD];
    for (int i = 0; i < found.size(); i++) {
      Segment segment = found.get(i);
      boolean last = i == found.size() - 1;
      if (segment.end() <= checkpoint) {
        segment.delete();
      } else if (!segment.hasHeader()) {
        corruption.found(segment.file(), 0, segment.size(), "the file does not start with a "
            + "queue segment's header", last);
        segment.delete();
      } else {
        records += verify(segment, Math.max(checkpoint, segment.base() + Segment.HEADER),
            scratch, corruption, last);
        kept.put(segment.base(), segment);
      }
    }
    long readFrom = kept.isEmpty() ? -1
        : Math.max(checkpoint, kept.firstKey() + Segment.HEADER);
    return new Result(kept, readFrom, records);
  }

  private static List<Segment> segmentsIn(Path dir) throws IOException {
    List<Segment> segments = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        long base = Segment.baseOf(file);
        if (base >= 0) {
          segments.add(Segment.existing(file, base, Files.size(file)));
        }
      }
    }
    segments.sort(Comparator.comparingLong(Segment::base));
    return segments;
  }

  /** Counts the whole records from {@code from} on, and cuts the file at the first bad one. */
  private static long verify(Segment segment, long from, byte[] scratch, Corruption corruption,
      boolean last) throws IOException {
    long at = from;
    while (at < segment.end()) {
      try {
        Head head = segment.head(at, scratch);
        segment.body(at, head);
        segment.recovered();
        at += head.size();
      } catch (CorruptRecordException e) {
        long position = at - segment.base();
        corruption.found(segment.file(), position, segment.end() - at, e.getMessage(), last);
        segment.truncate(position);
      }
    }
    return segment.records();
  }
}
