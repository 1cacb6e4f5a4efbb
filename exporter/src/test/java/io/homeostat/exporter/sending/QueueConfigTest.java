package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.io.StringReader;
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
}
