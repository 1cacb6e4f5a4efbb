package io.homeostat.server.e2e;

import io.homeostat.core.testing.ExternalProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalProcessTest {

  private static final String MISSING = "/usr/bin/homeostat-no-such-server";

  @Test
  void aMissingBinarySkipsTheTestUnlessExternalServersAreRequired() {
    String message = MISSING + " is not installed: apt-get install it";
    if (System.getenv(ExternalProcess.REQUIRE) == null) {
      assertEquals(message, assertThrows(TestAbortedException.class,
          () -> ExternalProcess.require(MISSING, "apt-get install it")).getMessage());
    } else {
      assertEquals(message + " (HOMEOSTAT_REQUIRE_EXTERNAL is set, so the test may not be "
          + "skipped)", assertThrows(AssertionFailedError.class,
          () -> ExternalProcess.require(MISSING, "apt-get install it")).getMessage());
    }
  }
}
