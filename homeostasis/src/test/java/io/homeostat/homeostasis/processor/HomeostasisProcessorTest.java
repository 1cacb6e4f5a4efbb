package io.homeostat.homeostasis.processor;

import io.homeostat.core.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.HomeostasisStage;
import io.homeostat.homeostasis.model.RecordObserver;
import io.homeostat.homeostasis.testing.Otlp;
import io.homeostat.homeostasis.testing.Yaml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HomeostasisProcessorTest {

  /** A stage that records what it sees. */
  static final class RecordingStage implements HomeostasisStage {
    final List<String> seen = new ArrayList<>();
    final List<Instant> ticks = new ArrayList<>();
    final List<RecordObserver> observers = new ArrayList<>();
    final Duration interval;

    RecordingStage(Duration interval) {
      this.interval = interval;
      observers.add((signal, request) -> seen.add(signal.configName()));
    }

    @Override
    public List<RecordObserver> observers() {
      return observers;
    }

    @Override
    public Duration tickInterval() {
      return interval;
    }

    @Override
    public void onTick(Instant now) {
      ticks.add(now);
    }
  }

  final MetricRegistry metrics = new MetricRegistry();
  final SharedState shared = new SharedState();
  final ManualClock clock = new ManualClock();

  private Processor processor(Signal signal) {
    return HomeostasisProcessorFactory.create(new ComponentSettings(ComponentId.parse("homeostasis"), metrics,
        Path.of("."), shared), signal, clock);
  }

  private RecordingStage stage(Duration interval) {
    RecordingStage stage = new RecordingStage(interval);
    shared.get(HomeostasisStage.KEY, HomeostasisStage.class, () -> stage);
    return stage;
  }

  @Test
  void withoutATopLevelHomeostasisSectionThereIsNoProcessor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> processor(Signal.TRACES));
    assertEquals("the homeostasis processor needs a top-level homeostasis: section with its targets", e.getMessage());
  }

  @Test
  void everyRequestIsShownToTheObserversAndPassedOnAsItCameWithItsAck() {
    RecordingStage stage = stage(Duration.ofSeconds(5));
    Processor processor = processor(Signal.TRACES);
    Message request = Otlp.traces(Otlp.span("auth.login", "REQ-F-AUTH-001", 1, 10));
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Ack ack = Ack.of(outcome::set);
    List<Message> passed = new ArrayList<>();
    List<Ack> acks = new ArrayList<>();
    processor.process(request, ack, (message, passedAck) -> {
      passed.add(message);
      acks.add(passedAck);
    });
    assertEquals(List.of("traces"), stage.seen);
    assertSame(request, passed.get(0));
    assertSame(ack, acks.get(0));
    assertEquals(null, outcome.get());
    assertEquals(Duration.ofSeconds(5), processor.tickInterval());
  }

  @Test
  void anObserverThatThrowsIsCountedAndTheRequestGoesOn() {
    RecordingStage stage = stage(Duration.ofSeconds(5));
    stage.observers.add(0, (signal, request) -> {
      throw new IllegalStateException("observer bug");
    });
    Processor processor = processor(Signal.LOGS);
    List<Message> passed = new ArrayList<>();
    processor.process(Otlp.logs(new io.opentelemetry.proto.logs.v1.LogRecord[0]), Ack.NONE, (message, ack) -> passed.add(message));
    assertEquals(1, passed.size());
    assertEquals(List.of("logs"), stage.seen);
    assertEquals(1, metrics.value("homeostat_homeostasis_observer_failures_total", "processor", "homeostasis"));
  }

  @Test
  void theStageIsTickedOncePerIntervalWhateverThePipelinesAndTheRingsTicks() {
    RecordingStage stage = stage(Duration.ofSeconds(5));
    List<Processor> pipelines = List.of(processor(Signal.TRACES), processor(Signal.METRICS), processor(Signal.LOGS));
    long second = 1_000_000_000L;
    // The ring ticks every second (another processor asks for that), a little late or early.
    for (int s = 0; s <= 30; s++) {
      long jitter = (s % 3 - 1) * 20_000_000L;
      for (Processor processor : pipelines) {
        processor.onTick(s * second + jitter, (request, ack) -> { });
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(7, stage.ticks.size());
    assertEquals(clock.instant().minusSeconds(31), stage.ticks.get(0));
    assertEquals(clock.instant().minusSeconds(26), stage.ticks.get(1));
  }

  @Test
  void afterAStallTheTicksGoOnFromTheLateOneWithoutABurst() {
    RecordingStage stage = stage(Duration.ofSeconds(5));
    Processor processor = processor(Signal.TRACES);
    long second = 1_000_000_000L;
    for (long s : new long[] {0, 5, 10, 40, 41, 42, 45, 50}) {
      processor.onTick(s * second, (request, ack) -> { });
    }
    // At 0, 5, 10, 40 (late: the rate starts again from it), 45 and 50.
    assertEquals(6, stage.ticks.size());
  }

  @Test
  void theProcessorTakesNoKeysAndIsFoundByItsType() {
    ProcessorFactory<?> factory = ServiceLoader.load(ProcessorFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.type().equals("homeostasis")).findFirst().orElseThrow();
    assertEquals(HomeostasisProcessorFactory.class, factory.getClass());
    assertEquals(java.util.EnumSet.allOf(Signal.class), factory.supportedSignals());
    ConfigProblems problems = new ConfigProblems();
    new ConfigBinder(problems).bind(Yaml.read("processor: { targets: {} }\n", problems).get("processor"),
        HomeostasisProcessorConfig.class, new HomeostasisProcessorConfig());
    assertEquals(List.of("h.yaml:1:14: processor.targets: unknown key 'targets': this section takes no keys"),
        problems.all().stream().map(ConfigProblem::toString).toList());
  }
}
