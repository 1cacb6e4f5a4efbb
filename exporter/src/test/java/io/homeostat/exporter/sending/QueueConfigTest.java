package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ByteSize;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueConfigTest {

  private final ConfigProblems problems = new ConfigProblems();

  private QueueConfig bind(String yaml) {
    var root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("sending_queue"), QueueConfig.class,
        QueueConfig.DEFAULT);
  }

  private List<String> errors() {
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theCollectorDefaultsHoldAThousandRequestsForTenSenders() {
    QueueConfig bound = bind("sending_queue:\n  queue_size: 50\n");
    assertEquals(List.of(), errors());
    assertEquals(new QueueConfig(true, 10, 50), bound);
    assertEquals(50, bound.capacity());
  }

  @Test
  void disabledKeepsOnlyWhatTheSendersCanTakeAndIgnoresQueueSize() {
    QueueConfig bound = bind("sending_queue:\n  enabled: false\n  num_consumers: 4\n  queue_size: 0\n");
    assertEquals(List.of(), errors());
    assertEquals(4, bound.capacity());
  }

  @Test
  void zeroConsumersAreRefused() {
    bind("sending_queue:\n  num_consumers: 0\n");
    assertEquals(List.of("test.yaml:2:18: sending_queue.num_consumers: must be at least 1, was 0: "
        + "it is the number of requests sent at once, such as 10"), errors());
  }

  @Test
  void aQueueOfNothingIsRefusedWhileEnabled() {
    bind("sending_queue:\n  queue_size: -1\n");
    assertEquals(List.of("test.yaml:2:15: sending_queue.queue_size: must be at least 1, was -1: "
        + "it is the number of requests that may wait for a sender, such as 1000"), errors());
  }

  @Test
  void storageMovesTheQueueToDiskWithSegmentsOf64MiBUpTo1GiBForcedEverySecond() {
    QueueConfig bound = bind("sending_queue:\n  storage: data/queue\n");
    assertEquals(List.of(), errors());
    assertEquals(new QueueConfig(true, 10, null, "data/queue", ByteSize.ofMebibytes(64),
        ByteSize.ofMebibytes(1024), FsyncPolicy.INTERVAL, Duration.ofSeconds(1), QueueSizer.REQUESTS), bound);
    assertEquals(true, bound.onDisk());
    assertEquals(false, QueueConfig.DEFAULT.onDisk());
  }

  @Test
  void everyDiskKeyIsRead() {
    QueueConfig bound = bind("sending_queue:\n  storage: q\n  segment_size: 1MiB\n"
        + "  max_size: 10MB\n  fsync: ALWAYS\n  fsync_interval: 250ms\n");
    assertEquals(List.of(), errors());
    assertEquals(new QueueConfig(true, 10, null, "q", ByteSize.ofMebibytes(1),
        new ByteSize(10_000_000), FsyncPolicy.ALWAYS, Duration.ofMillis(250), QueueSizer.REQUESTS), bound);
  }

  @Test
  void theSizerSaysWhatQueueSizeCounts() {
    QueueConfig bound = bind("sending_queue:\n  sizer: items\n  queue_size: 50000\n");
    assertEquals(List.of(), errors());
    assertEquals(QueueSizer.ITEMS, bound.sizerInUse());
    assertEquals(50000, bound.capacity());
    assertEquals(QueueSizer.REQUESTS, QueueConfig.DEFAULT.sizer());
    assertEquals(QueueSizer.BYTES, bind("sending_queue:\n  sizer: bytes\n  queue_size: 1048576\n").sizer());
  }

  @Test
  void withoutTheQueueTheSendersTakeRequestsWhateverTheSizer() {
    QueueConfig bound = bind("sending_queue:\n  enabled: false\n  sizer: bytes\n  num_consumers: 3\n");
    assertEquals(List.of(), errors());
    assertEquals(QueueSizer.REQUESTS, bound.sizerInUse());
    assertEquals(3, bound.capacity());
  }

  @Test
  void anotherSizerNeedsAQueueSizeInItsUnit() {
    bind("sending_queue:\n  sizer: items\n");
    assertEquals(List.of("test.yaml:2:10: sending_queue.sizer: needs queue_size, the number of "
        + "items that may wait for a sender, such as 25000 (about 90 MB of spans)"), errors());
  }

  @Test
  void leftOutQueueSizeIsTheCollectorsThousandRequests() {
    QueueConfig bound = bind("sending_queue:\n  num_consumers: 2\n");
    assertEquals(List.of(), errors());
    assertEquals(1000, bound.capacity());
  }

  @Test
  void anUnknownSizerIsRefused() {
    bind("sending_queue:\n  sizer: spans\n");
    assertEquals(List.of("test.yaml:2:10: sending_queue.sizer: expected one of requests, items, "
        + "bytes, found 'spans'"), errors());
  }

  @Test
  void aDiskQueueCountsRequestsNotItems() {
    bind("sending_queue:\n  storage: q\n  sizer: items\n  queue_size: 5000\n");
    assertEquals(List.of("test.yaml:3:10: sending_queue.sizer: a disk queue counts requests "
        + "(queue_size) and bytes on disk (max_size); remove sizer, or remove storage to bound a "
        + "memory queue by items"), errors());
  }

  @Test
  void anEmptyStorageIsRefused() {
    bind("sending_queue:\n  storage: ''\n");
    assertEquals(List.of("test.yaml:2:12: sending_queue.storage: must name a directory, such as "
        + "data/queue, was ''; leave it out to keep the queue in memory"), errors());
  }

  @Test
  void storageWithTheQueueDisabledIsRefused() {
    bind("sending_queue:\n  enabled: false\n  storage: q\n");
    assertEquals(List.of("test.yaml:3:12: sending_queue.storage: needs the queue: remove "
        + "enabled: false, or remove storage to keep at most num_consumers requests in memory"),
        errors());
  }

  @Test
  void aSegmentBelow4KiBIsRefused() {
    bind("sending_queue:\n  storage: q\n  segment_size: 1000\n");
    assertEquals(List.of("test.yaml:3:17: sending_queue.segment_size: must be at least 4KiB, "
        + "was 1000B: it is the size at which the queue starts a new file, such as 64MiB"),
        errors());
  }

  @Test
  void aMaxSizeBelowTwoSegmentsIsRefused() {
    bind("sending_queue:\n  storage: q\n  max_size: 100MiB\n");
    assertEquals(List.of("test.yaml:3:13: sending_queue.max_size: must be at least twice "
        + "segment_size (64MiB), was 100MiB: the queue frees space a whole segment at a time; "
        + "raise max_size or lower segment_size"), errors());
  }

  @Test
  void aZeroFsyncIntervalIsRefusedWithFsyncInterval() {
    bind("sending_queue:\n  storage: q\n  fsync_interval: 0s\n");
    assertEquals(List.of("test.yaml:3:19: sending_queue.fsync_interval: must be positive, was "
        + "0s: it is how often written requests are forced to the disk, such as 1s"), errors());
  }

  @Test
  void aZeroFsyncIntervalDoesNotMatterWithOtherPolicies() {
    bind("sending_queue:\n  storage: q\n  fsync: never\n  fsync_interval: 0s\n");
    assertEquals(List.of(), errors());
  }

  @Test
  void anUnknownFsyncPolicyIsRefused() {
    bind("sending_queue:\n  storage: q\n  fsync: sometimes\n");
    assertEquals(List.of("test.yaml:3:10: sending_queue.fsync: expected one of never, interval, "
        + "always, found 'sometimes'"), errors());
  }

  @Test
  void aBadSizeIsRefused() {
    bind("sending_queue:\n  storage: q\n  max_size: lots\n");
    assertEquals(List.of("test.yaml:3:13: sending_queue.max_size: invalid size 'lots': write a "
        + "number of bytes, optionally with a unit (B, KB, MB, GB, KiB, MiB, GiB), such as 20MiB"),
        errors());
  }
}
