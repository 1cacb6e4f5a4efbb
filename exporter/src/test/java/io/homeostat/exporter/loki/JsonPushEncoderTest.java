package io.homeostat.exporter.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPushEncoderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void streamsAreWrittenAsLokisPushApiReadsThem() throws IOException {
    Stream auth = new Stream(new String[] {"req", "REQ-A", "service_name", "auth"},
        "{req=\"REQ-A\", service_name=\"auth\"}");
    auth.entries().add(new Entry(1_700_000_000_123_456_789L, "login \"ok\"",
        new String[] {"trace_id", "4bf9"}));
    auth.entries().add(new Entry(1_700_000_001_000_000_000L, "no metadata", new String[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonPushEncoder.encode(List.of(auth), out);

    assertEquals(JSON.readTree("""
        {"streams": [{
          "stream": {"req": "REQ-A", "service_name": "auth"},
          "values": [
            ["1700000000123456789", "login \\"ok\\"", {"trace_id": "4bf9"}],
            ["1700000001000000000", "no metadata"]
          ]
        }]}
        """), JSON.readTree(out.toByteArray()));
  }

  @Test
  void noStreamsIsAnEmptyList() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonPushEncoder.encode(List.of(), out);
    assertEquals("{\"streams\":[]}", out.toString());
  }
}
