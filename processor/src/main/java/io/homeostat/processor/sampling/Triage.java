package io.homeostat.processor.sampling;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;

/**
 * What becomes of each record of one request in the tail samplers: passed on now (with the
 * client's ack), held until its trace is decided, or dropped. A first walk over the request notes
 * each record's fate in walk order; later walks pick the records of one fate, so that the request
 * is split copy-on-write without deciding or looking anything up twice.
 */
final class Triage {

  static final byte PASS = 0;
  static final byte HOLD = 1;
  static final byte DROP = 2;

  private byte[] fates = new byte[256];
  private int cursor;
  private int passed;
  private int held;

  /** Begins a request of {@code records} records. */
  void start(int records) {
    if (fates.length < records) {
      fates = new byte[Math.max(records, fates.length * 2)];
    }
    cursor = 0;
    passed = 0;
    held = 0;
  }

  /** Notes the fate of the next record of the first walk. */
  void note(byte fate) {
    fates[cursor++] = fate;
    passed += fate == PASS ? 1 : 0;
    held += fate == HOLD ? 1 : 0;
  }

  /** Starts a walk that picks the records of one fate. */
  void rewind() {
    cursor = 0;
  }

  /** True when the next record of the walk has {@code fate}. */
  boolean next(byte fate) {
    return fates[cursor++] == fate;
  }

  int held() {
    return held;
  }

  /** Hands the passing part on with the client's ack, or answers the client when nothing passes. */
  void answer(Message passing, Ack ack, Downstream next) {
    if (passed > 0) {
      next.accept(passing, ack);
    } else {
      ack.accept();
    }
  }
}
