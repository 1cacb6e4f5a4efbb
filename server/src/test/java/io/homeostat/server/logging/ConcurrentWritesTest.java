package io.homeostat.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class ConcurrentWritesTest {

  /** Keeps every write call as one chunk, so the test sees how records were written. */
  private static final class Chunks extends OutputStream {
    final List<String> chunks = new ArrayList<>();

    @Override
    public void write(int b) {
      chunks.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      chunks.add(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  @Test
  void eachRecordIsOneWholeWriteEvenFromManyThreads() throws Exception {
    Chunks out = new Chunks();
    LogSink sink = new LogSink(out, Clock.systemUTC(), Level.INFO, ServerLogging.Encoding.JSON);
    Logger log = new LoggerRegistry(sink).getLogger("io.homeostat.test.Concurrent");
    int threads = 4;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          log.atInfo().addKeyValue("i", i).addKeyValue("text", "line with spaces").log("record");
        }
      }, "writer-" + t);
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(!worker.isAlive(), worker.getName() + " finished");
    }

    assertEquals(threads * perThread, out.chunks.size());
    Set<String> seen = new HashSet<>();
    for (String chunk : out.chunks) {
      assertTrue(chunk.matches("\\{\"ts\":\"[^\"]+\",\"level\":\"INFO\","
          + "\"logger\":\"io.homeostat.test.Concurrent\",\"msg\":\"record\","
          + "\"thread\":\"writer-\\d\",\"i\":\\d+,\"text\":\"line with spaces\"}\n"), chunk);
      seen.add(chunk.replaceAll(".*\"thread\":\"(writer-\\d)\",\"i\":(\\d+).*\n", "$1/$2"));
    }
    assertEquals(threads * perThread, seen.size(), "every record arrived once");
  }
}
