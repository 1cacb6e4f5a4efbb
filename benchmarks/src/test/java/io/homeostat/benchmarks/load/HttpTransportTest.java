package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  void okIsAccepted() {
    assertEquals(new SendResult.Accepted(0), HttpTransport.classify(200, null, new byte[0], NOW));
  }

  @Test
  void serviceUnavailableIsRefusedWithRetryAfterInSeconds() {
    assertEquals(new SendResult.Refused(Duration.ofSeconds(2), "HTTP 503"),
        HttpTransport.classify(503, "2", new byte[0], NOW));
  }

  @Test
  void tooManyRequestsIsRefusedWithRetryAfterAsADate() {
    assertEquals(new SendResult.Refused(Duration.ofSeconds(30), "HTTP 429"),
        HttpTransport.classify(429, "Sat, 21 Nov 2026 10:00:30 GMT", new byte[0], NOW));
  }

  @Test
  void badGatewayWithoutRetryAfterIsRefusedWithNoDelay() {
    assertEquals(new SendResult.Refused(null, "HTTP 502"), HttpTransport.classify(502, null, new byte[0], NOW));
    assertEquals(new SendResult.Refused(null, "HTTP 504"), HttpTransport.classify(504, "soon", new byte[0], NOW));
  }

  @Test
  void otherStatusesAreNotRetried() {
    assertEquals(new SendResult.Failed("HTTP 400"), HttpTransport.classify(400, null, new byte[0], NOW));
    assertEquals(new SendResult.Failed("HTTP 413"), HttpTransport.classify(413, null, new byte[0], NOW));
    assertEquals(new SendResult.Failed("HTTP 500"), HttpTransport.classify(500, "1", new byte[0], NOW));
  }
}
