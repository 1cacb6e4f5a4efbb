package io.homeostat.exporter.sending;

import io.homeostat.exporter.sending.RecordFormat.CorruptRecordException;
import io.homeostat.exporter.sending.RecordFormat.Head;
import java.io.IOException;
import java.util.NavigableMap;

/**
 * Where the senders of a disk queue read next: a segment and an offset in it, moved on record by
 * record and from one segment to the next. It counts the records taken from its segment, so that
 * a record found damaged after the start tells how many requests the rest of the file held.
 * Guarded by the queue's lock, like the segments it walks.
 */
final class ReadCursor {

  private final NavigableMap<Long, Segment> segments;
  private final byte[] scratch = new byte[RecordFormat.HEAD];
  private Segment segment;
  private long position;
  private int taken;

  /** At {@code position}, in the first of {@code segments}. */
  ReadCursor(NavigableMap<Long, Segment> segments, long position) {
    this.segments = segments;
    this.segment = segments.firstEntry().getValue();
    this.position = position;
  }

  long position() {
    return position;
  }

  Segment segment() {
    return segment;
  }

  /** Moves past segments read to the end, up to {@code writing}, which may still grow. */
  void advance(Segment writing) {
    while (position >= segment.end() && segment != writing) {
      segment = segments.higherEntry(segment.base()).getValue();
      position = segment.base() + Segment.HEADER;
      taken = 0;
    }
  }

  /** The head of the record at the position. */
  Head head() throws IOException, CorruptRecordException {
    return segment.head(position, scratch);
  }

  /** The checked body of the record at the position. */
  byte[] body(Head head) throws IOException, CorruptRecordException {
    return segment.body(position, head);
  }

  /** Moves past the record of {@code size} bytes at the position, taken by a sender. */
  void took(long size) {
    position += size;
    taken++;
  }

  /** Moves to the end of the segment, past a damaged record; returns the records passed over. */
  int skipRest() {
    int skipped = segment.records() - taken;
    taken = segment.records();
    position = segment.end();
    return skipped;
  }
}
