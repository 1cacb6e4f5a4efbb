package io.homeostat.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Homeostat config of the docker compose stack is valid where the container reads it: mounted
 * over the image's {@code conf/homeostat.yaml}, beside the example catalog it names.
 */
class DockerStackConfigTest {

  /** Surefire runs in the module's directory; the project's folders are one up. */
  private static final Path ROOT = Path.of("..");

  @TempDir
  Path conf;

  @Test
  void theStacksConfigIsValidInTheImagesConfDirectory() throws Exception {
    Path config = Files.copy(ROOT.resolve("docker/homeostat.yaml"), conf.resolve("homeostat.yaml"));
    Files.copy(ROOT.resolve("conf/requirements.yaml"), conf.resolve("requirements.yaml"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "validate", "--config",
        config.toString());

    assertEquals("", err.toString());
    assertEquals(config + " is valid: 4 pipeline(s) (traces, metrics, metrics/spanmetrics, logs)\n",
        out.toString());
    assertEquals(0, status);
  }
}
