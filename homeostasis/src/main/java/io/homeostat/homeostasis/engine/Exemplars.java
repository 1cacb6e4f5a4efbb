package io.homeostat.homeostasis.engine;

import com.google.protobuf.ByteString;
import io.homeostat.homeostasis.model.Exemplar;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The last {@value #MAX} records that violated a target, with trace and span ids, so that an alert
 * leads straight to a trace. Ids are kept as the records' own byte strings and turned into hex only
 * when an evaluation asks.
 */
final class Exemplars {

  static final int MAX = 5;
  private static final HexFormat HEX = HexFormat.of();

  private final ByteString[] traceIds = new ByteString[MAX];
  private final ByteString[] spanIds = new ByteString[MAX];
  private final double[] values = new double[MAX];
  private final long[] times = new long[MAX];
  private int next;
  private int size;

  /** Keeps a violating record; one without a trace id leads nowhere and is not kept. */
  void add(ByteString traceId, ByteString spanId, double value, long time) {
    if (traceId.isEmpty()) {
      return;
    }
    traceIds[next] = traceId;
    spanIds[next] = spanId;
    values[next] = value;
    times[next] = time;
    next = (next + 1) % MAX;
    size = Math.min(MAX, size + 1);
  }

  /** The kept records with timestamps after {@code since}, newest first. */
  List<Exemplar> since(long since) {
    List<Exemplar> out = new ArrayList<>(size);
    for (int i = 1; i <= size; i++) {
      int at = Math.floorMod(next - i, MAX);
      if (times[at] > since) {
        out.add(new Exemplar(HEX.formatHex(traceIds[at].toByteArray()),
            HEX.formatHex(spanIds[at].toByteArray()), values[at]));
      }
    }
    return out;
  }
}
