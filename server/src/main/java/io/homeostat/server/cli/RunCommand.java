package io.homeostat.server.cli;

import io.homeostat.core.config.ConfigException;
import io.homeostat.server.Homeostat;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.config.LogsConfig;
import io.homeostat.server.logging.ServerLogging;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code homeostat run}: serve until SIGTERM or SIGINT, then drain and exit 0. SIGHUP (or
 * {@code POST /-/reload}) reloads the config.
 */
@Command(name = "run", description = "Run the pipelines of a config until SIGTERM or Ctrl-C; "
    + "SIGHUP reloads it.",
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "conf/homeostat.yaml",
      description = "Pipeline YAML (default: ${DEFAULT-VALUE}).")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    LoadedConfig loaded;
    try {
      loaded = ConfigFiles.load(config);
    } catch (ConfigException e) {
      ConfigFiles.printProblems(e, config, err);
      return 1;
    }
    ConfigFiles.printWarnings(loaded, err);
    LogsConfig logs = loaded.service().telemetry().logs();
    ServerLogging.configure(logs.level(), logs.encoding());
    CountDownLatch stop = new CountDownLatch(1);
    Signals.onTerminate(stop::countDown);
    // Taken before the server can say it is ready: the JVM's own SIGHUP action would end it.
    AtomicReference<Homeostat> running = new AtomicReference<>();
    Signals.onHangup(() -> {
      Homeostat started = running.get();
      if (started == null) {
        log.warn("SIGHUP while the server starts: ignored; send it again once it runs");
      } else {
        started.reload("SIGHUP");
      }
    });
    Homeostat server;
    try {
      server = Homeostat.start(loaded, ConfigFiles::load);
    } catch (ConfigException e) {
      // Files a component reads at start (a requirements catalog) are checked then.
      ConfigFiles.printProblems(e, config, err);
      return 1;
    } catch (Exception e) {
      err.println(config + ": cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    running.set(server);
    try (server) {
      stop.await();
      server.shutdown();
    }
    return 0;
  }
}
