package io.homeostat.homeostasis;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.CatalogStore;
import io.homeostat.core.req.Requirement;
import io.homeostat.homeostasis.alerting.AlertNotifier;
import io.homeostat.homeostasis.alerting.AlertingConfig;
import io.homeostat.homeostasis.api.ApiDocuments;
import io.homeostat.homeostasis.config.HomeostasisConfig;
import io.homeostat.homeostasis.config.TargetSpecs;
import io.homeostat.homeostasis.engine.HomeostasisEngine;
import io.homeostat.homeostasis.intents.FeedbackConfig;
import io.homeostat.homeostasis.intents.FeedbackIntents;
import io.homeostat.homeostasis.issues.ProductionIssueTracker;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.AlertListener;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.HomeostasisStage;
import io.homeostat.homeostasis.model.IssueListener;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.RecordObserver;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.target.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one homeostasis runtime, closing the loop of DESIGN.md: the engine judges each
 * requirement's targets from the records the {@code homeostasis} processors show it; when a target
 * fires, the feedback intents make (or find) the intent for it, and the alert goes out carrying
 * the catalog's requirement and that intent's id; error records become production issues, each of
 * which also gets an intent.
 *
 * <p>Everything the engine and the issue tracker call runs on the pipeline thread, so the firing
 * alerts this class keeps need no lock; notifications and files are written on the notifier's and
 * the intents' own threads.
 */
public final class Homeostasis implements HomeostasisStage, AlertListener, IssueListener, Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(Homeostasis.class);

  private final HomeostasisConfig config;
  private final ComponentSettings settings;
  private final List<CatalogStore> catalogs;
  /** The catalogs as the targets were last read from them: another instance means a change. */
  private List<Catalog> targetsReadFrom;
  private final HomeostasisEngine engine;
  private final ProductionIssueTracker issues;
  private final FeedbackIntents intents;
  private final AlertNotifier notifier;
  private final ApiDocuments api;
  /** The alerts now firing, by target: their ids and intents stay the same until they resolve. */
  private final Map<TargetKey, Alert> firing = new HashMap<>();
  private final FiringAlertsGauge firingGauge;

  private Homeostasis(HomeostasisConfig config, List<CatalogStore> catalogs, ComponentSettings settings,
      AlertingConfig alerting, FeedbackConfig feedback, Path stateDir, Clock clock,
      ConfigProblems problems) {
    this.config = config;
    this.settings = settings;
    this.catalogs = catalogs;
    this.targetsReadFrom = currentCatalogs();
    this.notifier = new AlertNotifier(alerting, settings.metrics(), clock, stateDir);
    this.firingGauge = new FiringAlertsGauge(settings.metrics());
    this.intents = new FeedbackIntents(feedback, this::requirement, settings.configDir(), stateDir,
        settings.metrics(), clock);
    this.issues = new ProductionIssueTracker(feedback, this::requirement, this, settings.metrics(),
        stateDir, clock);
    this.engine = new HomeostasisEngine(TargetSpecs.load(config, settings, problems), this,
        stateDir, settings.metrics(), clock);
    this.api = new ApiDocuments(this::catalog, engine::evaluations, notifier::active,
        issues::issues, intents::recent, settings.metrics());
  }

  /**
   * Builds the runtime of a validated config. Throws {@link ConfigException} when a target cannot
   * be read (a catalog that changed since the config was checked).
   *
   * @param alerting the top-level {@code alerting:} section, or null for none
   * @param feedback the top-level {@code feedback:} section, or null for its defaults
   * @param stateDir where firing alerts, open issues and intents are kept across restarts
   */
  public static Homeostasis create(HomeostasisConfig config, AlertingConfig alerting,
      FeedbackConfig feedback, ComponentSettings settings, Path stateDir, Clock clock) {
    ConfigProblems problems = new ConfigProblems();
    List<CatalogStore> catalogs = config.catalogs().stream()
        .map(path -> CatalogStore.open(settings, path, config.reloadInterval()))
        .toList();
    Homeostasis runtime = new Homeostasis(config, catalogs, settings,
        alerting != null ? alerting : AlertingConfig.defaults(),
        feedback != null ? feedback : FeedbackConfig.defaults(), stateDir, clock, problems);
    problems.throwIfErrors();
    return runtime;
  }

  @Override
  public void start() {
    catalogs.forEach(CatalogStore::start);
    notifier.start();
  }

  /** Saves what must outlive the restart and delivers pending notifications and intents. */
  @Override
  public void shutdown(Deadline deadline) {
    engine.close();
    issues.close();
    intents.close(deadline.remaining());
    notifier.shutdown(deadline);
    catalogs.forEach(CatalogStore::stop);
  }

  @Override
  public List<RecordObserver> observers() {
    return List.of(engine, issues);
  }

  @Override
  public Duration tickInterval() {
    return config.evaluationInterval();
  }

  @Override
  public void onTick(Instant now) {
    reloadTargetsIfCatalogsChanged();
    engine.evaluate(now);
    issues.expire(now);
  }

  @Override
  public void firing(Evaluation evaluation, Instant startsAt) {
    Alert alert = remember(evaluation, startsAt);
    // One line per alert, not per evaluation: the console shows what the webhooks were told.
    log.atWarn().addKeyValue("alert", alert.alertId())
        .addKeyValue("requirement", evaluation.key().requirement())
        .addKeyValue("target", evaluation.key().target()).addKeyValue("actual", evaluation.actual())
        .addKeyValue("severity", evaluation.severity())
        .log("a homeostasis target fires: GET /api/v1/alerts for the whole alert");
    notifier.send(alert);
  }

  @Override
  public void stillFiring(Evaluation evaluation, Instant startsAt) {
    notifier.send(remember(evaluation, startsAt));
  }

  @Override
  public void resolved(Evaluation evaluation, Instant startsAt, Instant endsAt) {
    Alert last = remember(evaluation, startsAt);
    log.atInfo().addKeyValue("alert", last.alertId())
        .addKeyValue("requirement", evaluation.key().requirement())
        .addKeyValue("target", evaluation.key().target()).addKeyValue("actual", evaluation.actual())
        .log("a homeostasis target is met again; its alert resolves");
    firing.remove(evaluation.key());
    firingGauge.update(firing.values());
    intents.alertResolved(evaluation.key());
    notifier.send(new Alert(last.alertId(), "resolved", evaluation, startsAt, endsAt,
        last.traceability(), last.intentId()));
  }

  /**
   * The firing alert of this evaluation. Its intent is made the first time; a target restored as
   * firing after a restart finds its intent again, since the intents keep theirs too.
   */
  private Alert remember(Evaluation evaluation, Instant startsAt) {
    TargetKey key = evaluation.key();
    Requirement requirement = requirement(key.requirement());
    Alert known = firing.get(key);
    String intentId = known != null ? known.intentId()
        : intents.forAlert(new Alert(alertId(key, startsAt), "firing", evaluation, startsAt, null,
            requirement, null)).intentId();
    Alert alert = new Alert(alertId(key, startsAt), "firing", evaluation, startsAt, null,
        requirement, intentId);
    firing.put(key, alert);
    firingGauge.update(firing.values());
    return alert;
  }

  @Override
  public void opened(ProductionIssue issue) {
    log.atWarn().addKeyValue("issue", issue.issueId()).addKeyValue("requirement", issue.requirement())
        .addKeyValue("error_type", issue.errorType())
        .log("a new production issue: GET /api/v1/issues for its samples and stack trace");
    intents.forIssue(issue);
  }

  @Override
  public void closed(ProductionIssue issue) {
    intents.issueClosed(issue.issueId());
  }

  /**
   * Reads the targets again when a catalog was reloaded, as Prometheus reloads its rule files: a
   * reload with errors changes nothing and says what to fix.
   */
  private void reloadTargetsIfCatalogsChanged() {
    List<Catalog> current = currentCatalogs();
    boolean changed = false;
    for (int i = 0; i < current.size(); i++) {
      changed |= current.get(i) != targetsReadFrom.get(i);
    }
    if (!changed) {
      return;
    }
    targetsReadFrom = current;
    ConfigProblems problems = new ConfigProblems();
    List<TargetSpec> targets = TargetSpecs.load(config, settings, problems);
    problems.all().forEach(problem -> log.atWarn().log(problem.toString()));
    if (problems.hasErrors()) {
      log.atWarn().addKeyValue("errors", problems.errors().size())
          .log("a changed catalog's homeostasis targets have errors; the previous targets stay in"
              + " use until the file is fixed");
      return;
    }
    HomeostasisEngine.Replaced replaced = engine.replace(targets);
    log.atInfo().addKeyValue("targets", targets.size()).addKeyValue("added", replaced.added())
        .addKeyValue("changed", replaced.changed()).addKeyValue("removed", replaced.removed())
        .log("homeostasis targets reloaded from the changed catalogs");
  }

  private List<Catalog> currentCatalogs() {
    return catalogs.stream().map(CatalogStore::current).toList();
  }

  /** The documents of the admin API ({@code /api/v1/...}). */
  public ApiDocuments api() {
    return api;
  }

  /** What the catalogs say of requirement {@code id}, or null when none knows it. */
  private Requirement requirement(String id) {
    for (CatalogStore store : catalogs) {
      Requirement requirement = store.current().requirement(id);
      if (requirement != null) {
        return requirement;
      }
    }
    return null;
  }

  /** The catalogs as one: where two know a requirement, the first listed wins. */
  private Catalog catalog() {
    if (catalogs.isEmpty()) {
      return Catalog.EMPTY;
    }
    if (catalogs.size() == 1) {
      return catalogs.get(0).current();
    }
    Map<String, Requirement> requirements = new HashMap<>();
    for (int i = catalogs.size() - 1; i >= 0; i--) {
      requirements.putAll(catalogs.get(i).current().requirements());
    }
    Catalog first = catalogs.get(0).current();
    return new Catalog(first.source(), requirements, first.metrics(), first.rules(),
        first.globalTags(), first.homeostasis());
  }

  /**
   * Stable for an alert's whole life and across restarts: derived from what identifies it, the
   * target and the instant it started firing.
   */
  static String alertId(TargetKey key, Instant startsAt) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((key + "@" + startsAt).getBytes(StandardCharsets.UTF_8));
      return "ALR-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
