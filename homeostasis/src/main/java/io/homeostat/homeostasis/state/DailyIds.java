package io.homeostat.homeostasis.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Readable ids numbered per UTC day, such as {@code INT-FB-20261121-0007}: the prefix, the day and
 * the day's sequence number, at least four digits. They stay unique across restarts as long as the
 * {@link #position()} is saved with the rest of the state of whoever hands them out and given back
 * at start.
 */
public final class DailyIds {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /** Where the sequence stands: the day of the last id ({@code yyyyMMdd}) and its number. */
  public record Position(String day, int last) {
    /** Before the first id. */
    public static final Position START = new Position("", 0);
  }

  private final String prefix;
  private String day;
  private int last;

  /**
   * @param prefix such as {@code INT-FB-}
   * @param from where a previous run stopped, or {@link Position#START}
   */
  public DailyIds(String prefix, Position from) {
    this.prefix = prefix;
    this.day = from.day();
    this.last = from.last();
  }

  /** The next id of the day {@code now} falls on. */
  public synchronized String next(Instant now) {
    String today = DAY.format(now);
    if (!today.equals(day)) {
      day = today;
      last = 0;
    }
    last++;
    return prefix + day + "-" + String.format("%04d", last);
  }

  public synchronized Position position() {
    return new Position(day, last);
  }
}
