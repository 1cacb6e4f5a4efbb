package io.homeostat.processor.requirements;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.processor.requirements.RequirementsConfig.OnMissing;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every signal shares: a record's own keys (its attributes, else its scope's, else its
 * resource's), the processor's rules, recorded baggage, {@code on_missing}, and the final
 * attributes with enrichment from the catalog. One per processor instance, on the pipeline thread.
 *
 * <p>Scope and resource attributes under the key or an alias are a source of keys too: a service
 * that serves one requirement can say so once ({@code OTEL_RESOURCE_ATTRIBUTES=req=REQ-...}). They
 * are read, never changed; records without a valid key of their own get the keys copied onto
 * them. An invalid value there is logged (at a limited rate) and ignored.
 */
final class Tagger {

  private static final Logger logger = LoggerFactory.getLogger(Tagger.class);

  final KeyReader reader;
  final Rules rules;
  final OnMissing onMissing;
  private final String processor;
  private final Signal signal;
  private final RequirementsConfig config;
  private final BaggageKeys baggage;
  private final AnyValue untagged;
  private final AttributeEdit edit;
  private final Supplier<Catalog> catalogs;
  private final Lifecycle watch;
  private final Counter dropped;
  private final Coverage.Tally tally = new Coverage.Tally();
  private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10));
  private CatalogView view;

  private InstrumentationScope lastScope;
  private AnyValue scopeKeys;
  private boolean scopeAlias;
  private Resource lastResource;
  private AnyValue resourceKeys;
  private boolean resourceAlias;
  /** Set by {@link #levelKeys}: the keys it returned came from an alias. */
  private boolean levelAlias;

  /**
   * @param processor the processor's id, for messages
   * @param catalogs the catalog in use now
   * @param watch what keeps the catalog up to date, started and stopped with the processor
   * @param dropped counts records dropped by {@code on_missing: drop}
   */
  Tagger(String processor, Signal signal, RequirementsConfig config, Supplier<Catalog> catalogs,
      Lifecycle watch, Counter dropped) {
    this.processor = processor;
    this.signal = signal;
    this.config = config;
    this.reader = new KeyReader(config.key(), config.aliases(), config.pattern(), config.untaggedValue());
    this.rules = Rules.compile(config.tagRules(), signal, reader, key -> { });
    this.onMissing = config.onMissing();
    this.baggage = config.baggage().enabled()
        ? new BaggageKeys(config.baggage().attributes(), config.key()) : null;
    this.untagged = KeyValues.string(config.untaggedValue());
    this.edit = new AttributeEdit(config.key(), config.aliases());
    this.catalogs = catalogs;
    this.watch = watch;
    this.dropped = dropped;
  }

  /** Starts watching the catalog; from the processor's {@code start()}. */
  void start() throws Exception {
    watch.start();
  }

  /** Stops watching the catalog; from the processor's {@code shutdown()}. */
  void stop(Deadline deadline) {
    watch.shutdown(deadline);
  }

  /** The catalog as it is now, compiled again when it was reloaded. */
  CatalogView view() {
    Catalog current = catalogs.get();
    if (view == null || view.catalog != current) {
      List<String> invalid = new ArrayList<>();
      view = new CatalogView(current, signal, reader, config.key(), config.enrich(), invalid::add);
      if (!invalid.isEmpty()) {
        logger.atWarn().addKeyValue("processor", processor).addKeyValue("catalog", current.source())
            .addKeyValue("keys", invalid)
            .log("the catalog names requirement keys that do not match pattern "
                + config.pattern().pattern() + "; rules and metrics give only their valid keys."
                + " Correct the keys in the catalog");
      }
    }
    return view;
  }

  /**
   * Reads record {@code i}'s own keys into the batch and decides it when it has some: its
   * attributes first, then its scope's, then its resource's.
   */
  boolean own(Batch<?> batch, int i, List<KeyValue> attributes) {
    reader.read(attributes);
    batch.present[i] = reader.present;
    batch.invalid[i] = reader.invalid;
    batch.fold[i] = reader.fold;
    if (reader.keys != null) {
      batch.decide(i, reader.keys, reader.fromAlias ? Source.ALIAS : Source.RECORD);
      return true;
    }
    InstrumentationScope scope = batch.scopes[i];
    if (scope != lastScope) {
      lastScope = scope;
      scopeKeys = levelKeys(scope.getAttributesList(), batch.resources[i], scope);
      scopeAlias = levelAlias;
    }
    if (scopeKeys != null) {
      batch.decide(i, scopeKeys, scopeAlias ? Source.ALIAS : Source.RECORD);
      return true;
    }
    Resource resource = batch.resources[i];
    if (resource != lastResource) {
      lastResource = resource;
      resourceKeys = levelKeys(resource.getAttributesList(), resource, null);
      resourceAlias = levelAlias;
    }
    if (resourceKeys != null) {
      batch.decide(i, resourceKeys, resourceAlias ? Source.ALIAS : Source.RECORD);
      return true;
    }
    return false;
  }

  /** Decides record {@code i} from recorded baggage, if it holds keys. */
  boolean baggage(Batch<?> batch, int i, List<KeyValue> attributes) {
    AnyValue found = baggage == null ? null : baggage.find(attributes, reader);
    if (found == null) {
      return false;
    }
    batch.decide(i, found, Source.BAGGAGE);
    return true;
  }

  /**
   * Settles record {@code i}: {@code on_missing} if it has no key, counted under its source.
   * Returns the attributes it leaves with ({@code attributes} itself when unchanged), or null when
   * it is dropped. Call {@link #flushCounts} after the last.
   */
  List<KeyValue> settle(Batch<?> batch, int i, List<KeyValue> attributes) {
    if (batch.states[i] == Batch.MISSING) {
      batch.decide(i, missingKeys(batch.present[i]), missingSource());
    }
    return leave(batch.services[i], batch.source(i), attributes, batch.present[i], batch.keys[i],
        batch.invalid[i], batch.fold[i]);
  }

  /** Settles a held record that was let go, with the keys it inherited or {@code on_missing}. */
  List<KeyValue> settle(Held<?> held, List<KeyValue> attributes) {
    AnyValue keys = held.keys;
    Source source = Source.TRACE;
    if (keys == null) {
      keys = missingKeys(held.present);
      source = missingSource();
    }
    return leave(held.service, source, attributes, held.present, keys, held.invalid, held.fold);
  }

  /** Adds what {@link #settle} counted to the shared counters. */
  void flushCounts() {
    tally.flush();
  }

  /** The keys a record without any leaves with: the untagged value, or none. */
  private AnyValue missingKeys(AnyValue present) {
    return switch (onMissing) {
      case TAG -> untagged;
      // The marker an earlier stage set stays as it was.
      case PASS -> present != null && reader.isUntagged(present) ? present : null;
      case DROP, REJECT -> null;
    };
  }

  private Source missingSource() {
    return onMissing == OnMissing.DROP ? Source.DROPPED : Source.UNTAGGED;
  }

  private List<KeyValue> leave(Coverage.Service service, Source source, List<KeyValue> attributes,
      AnyValue present, AnyValue keys, AnyValue invalid, boolean fold) {
    tally.count(service, source, invalid != null);
    if (source == Source.DROPPED) {
      dropped.inc();
      return null;
    }
    // The keys, the invalid values, aliases folded, and for a tagged record the enrichment.
    List<KeyValue> enrichment = source.tagged() ? view.enrichment(keys) : List.of();
    boolean unchanged = !fold && invalid == null
        && (present == keys || (present != null && present.equals(keys)))
        && CatalogView.holds(attributes, enrichment);
    return unchanged ? attributes : edit.apply(attributes, keys, invalid, enrichment);
  }

  /** The answer to a request refused by {@code on_missing: reject}. */
  String rejection(String record, Coverage.Service service, AnyValue invalid,
      int missing, int total) {
    String items = switch (signal) {
      case TRACES -> "spans";
      case METRICS -> "data points";
      case LOGS -> "log records";
    };
    String why = invalid == null ? ""
        : ", whose value '" + KeyValues.asString(invalid) + "' does not match "
            + config.pattern().pattern();
    String aliases = config.aliases().isEmpty() ? ""
        : " (or " + String.join(", ", config.aliases()) + ")";
    return "processor " + processor + " refused the request (on_missing: reject): " + missing
        + " of " + total + " " + items + " carry no requirement key. The first is " + record
        + " of service '" + service.name() + "'" + why + ". Set the attribute " + config.key()
        + aliases + " to its requirement key, or add a rule that matches it to the processor's rules";
  }

  private AnyValue levelKeys(List<KeyValue> attributes, Resource resource,
      InstrumentationScope scope) {
    levelAlias = false;
    if (attributes.isEmpty()) {
      return null;
    }
    reader.read(attributes);
    if (reader.invalid != null) {
      String where = scope == null ? "resource" : "instrumentation scope '" + scope.getName() + "'";
      log.warn("invalid-level-key/" + processor, "processor " + processor + ": the " + where
          + " of service '" + KeyValues.getString(resource.getAttributesList(), "service.name")
          + "' carries '" + KeyValues.asString(reader.invalid) + "' as its requirement key, which"
          + " does not match " + config.pattern().pattern() + "; its records do not take it."
          + " Correct the value (for a resource, in OTEL_RESOURCE_ATTRIBUTES)", null);
    }
    levelAlias = reader.fromAlias;
    return reader.keys;
  }
}
