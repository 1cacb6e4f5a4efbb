package io.homeostat.benchmarks.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's CPU time ({@code utime + stime} from {@code /proc/<pid>/stat}) and resident
 * memory ({@code VmRSS} from {@code /proc/<pid>/status}) once a second, from outside the process,
 * so that what it costs is measured the same way whatever runs in it.
 *
 * <p>{@link #mark()} starts a measurement window; {@link #usage()} ends it and sums it up.
 */
public final class ProcessStats implements AutoCloseable {

  /** The clock-tick rate Linux uses nearly everywhere, when {@code getconf} cannot tell. */
  static final long DEFAULT_CLOCK_TICKS = 100;

  private final long pid;
  private final long ticksPerSecond;
  private final ScheduledExecutorService sampler;
  private final List<ProcSample> window = new ArrayList<>();

  /** Starts sampling {@code pid} every second. */
  public ProcessStats(long pid, long ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "proc-stats-" + pid);
      thread.setDaemon(true);
      return thread;
    });
    sampler.scheduleAtFixedRate(this::sampleIntoWindow, 1, 1, TimeUnit.SECONDS);
  }

  /** {@code getconf CLK_TCK}, or {@value #DEFAULT_CLOCK_TICKS} when it cannot be run or read. */
  public static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        long ticks = Long.parseLong(out);
        if (ticks > 0) {
          return ticks;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The default below is right on every common Linux.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_CLOCK_TICKS;
  }

  /** Reads the process now. */
  public ProcSample read() throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    long now = System.nanoTime();
    return new ProcSample(now, cpuTicks(Files.readString(proc.resolve("stat"))),
        rssKib(Files.readString(proc.resolve("status"))));
  }

  /** Starts a new window with a reading taken now. */
  public void mark() throws IOException {
    ProcSample first = read();
    synchronized (window) {
      window.clear();
      window.add(first);
    }
  }

  /** Ends the window with a reading taken now and sums it up. */
  public ResourceUsage usage() throws IOException {
    ProcSample last = read();
    synchronized (window) {
      window.add(last);
      return summarize(List.copyOf(window), ticksPerSecond);
    }
  }

  private void sampleIntoWindow() {
    ProcSample sample;
    try {
      sample = read();
    } catch (IOException | RuntimeException gone) {
      // The process ended; the window keeps what it had.
      return;
    }
    synchronized (window) {
      if (!window.isEmpty()) {
        window.add(sample);
      }
    }
  }

  /**
   * CPU and memory over {@code samples} (in time order, at least two): the average CPU is the
   * CPU time over the wall time between the first and the last, the maximum the busiest step
   * between two neighbours.
   */
  static ResourceUsage summarize(List<ProcSample> samples, long ticksPerSecond) {
    if (samples.size() < 2) {
      throw new IllegalArgumentException("a window needs at least two samples, had " + samples.size());
    }
    ProcSample first = samples.get(0);
    ProcSample last = samples.get(samples.size() - 1);
    double seconds = (last.nanoTime() - first.nanoTime()) / 1e9;
    double cpuSeconds = (last.cpuTicks() - first.cpuTicks()) / (double) ticksPerSecond;
    double maxPercent = 0;
    for (int i = 1; i < samples.size(); i++) {
      ProcSample a = samples.get(i - 1);
      ProcSample b = samples.get(i);
      double stepSeconds = (b.nanoTime() - a.nanoTime()) / 1e9;
      // Readings a few milliseconds apart (the window's ends) say nothing about one second.
      if (stepSeconds >= 0.5) {
        maxPercent = Math.max(maxPercent,
            100 * (b.cpuTicks() - a.cpuTicks()) / (double) ticksPerSecond / stepSeconds);
      }
    }
    double rssSum = 0;
    long rssMax = 0;
    for (ProcSample sample : samples) {
      rssSum += sample.rssKib();
      rssMax = Math.max(rssMax, sample.rssKib());
    }
    return new ResourceUsage(seconds > 0 ? 100 * cpuSeconds / seconds : 0, maxPercent, cpuSeconds,
        rssSum / samples.size() / 1024, rssMax / 1024.0, seconds, samples.size());
  }

  /**
   * {@code utime + stime} (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command name
   * (field 2) is in parentheses and may hold spaces and parentheses itself, so fields are counted
   * from the last closing parenthesis.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    String[] fields = close < 0 ? new String[0] : stat.substring(close + 1).strip().split("\\s+");
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    if (fields.length < 13) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: '" + stat.strip() + "'");
    }
    try {
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("utime and stime of a /proc/<pid>/stat line are not numbers: '"
          + stat.strip() + "'", e);
    }
  }

  /** {@code VmRSS} of a {@code /proc/<pid>/status} text, in KiB. */
  static long rssKib(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
        if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("\\d{1,18}")) {
          return Long.parseLong(parts[0]);
        }
        throw new IllegalArgumentException("unreadable VmRSS line in /proc/<pid>/status: '" + line + "'");
      }
    }
    throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status (a zombie or kernel thread has none)");
  }

  /** Stops sampling. */
  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
