package io.homeostat.benchmarks.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  /** A JVM's stat line as Linux writes it: utime 1520, stime 310. */
  private static final String STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1520 310 0 0 "
      + "20 0 38 0 123456 4321234944 98765 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 1 0 0 0 0 0\n";

  private static final String STATUS = """
      Name:\tjava
      Umask:\t0022
      State:\tS (sleeping)
      Pid:\t4242
      VmPeak:\t 4219956 kB
      VmSize:\t 4219956 kB
      VmHWM:\t  402112 kB
      VmRSS:\t  395060 kB
      RssAnon:\t  371000 kB
      Threads:\t38
      """;

  @Test
  void cpuTimeIsUserPlusSystemTicks() {
    assertEquals(1830, ProcessStats.cpuTicks(STAT));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    assertEquals(1830, ProcessStats.cpuTicks(STAT.replace("(java)", "(my (odd) name)")));
  }

  @Test
  void aTruncatedStatLineIsRefusedQuotingIt() {
    assertEquals("not a /proc/<pid>/stat line: '4242 (java) S 1 4242'",
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.cpuTicks("4242 (java) S 1 4242\n"))
            .getMessage());
  }

  @Test
  void aStatLineWithoutTheCommandIsRefused() {
    assertEquals("not a /proc/<pid>/stat line: 'garbage'",
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.cpuTicks("garbage")).getMessage());
  }

  @Test
  void nonNumericTimesAreRefused() {
    String bad = STAT.replace(" 1520 310 ", " x 310 ");
    assertEquals("utime and stime of a /proc/<pid>/stat line are not numbers: '" + bad.strip() + "'",
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.cpuTicks(bad)).getMessage());
  }

  @Test
  void residentMemoryIsVmRssInKib() {
    assertEquals(395060, ProcessStats.rssKib(STATUS));
  }

  @Test
  void statusWithoutVmRssIsRefused() {
    assertEquals("no VmRSS line in /proc/<pid>/status (a zombie or kernel thread has none)",
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.rssKib("Name:\tkthreadd\n"))
            .getMessage());
  }

  @Test
  void anUnreadableVmRssLineIsRefusedQuotingIt() {
    assertEquals("unreadable VmRSS line in /proc/<pid>/status: 'VmRSS:\t  lots MB'",
        assertThrows(IllegalArgumentException.class, () -> ProcessStats.rssKib("VmRSS:\t  lots MB\n"))
            .getMessage());
  }

  @Test
  void aWindowAveragesCpuOverItsWallTimeAndKeepsTheBusiestSecond() {
    long s = 1_000_000_000L;
    // 100 ticks a second: 30 ticks in the first second, 70 in the second, 20 in the third.
    List<ProcSample> samples = List.of(
        new ProcSample(0, 1000, 100 * 1024),
        new ProcSample(s, 1030, 200 * 1024),
        new ProcSample(2 * s, 1100, 300 * 1024),
        new ProcSample(3 * s, 1120, 200 * 1024));
    ResourceUsage usage = ProcessStats.summarize(samples, 100);
    assertEquals(40.0, usage.cpuAvgPercent(), 1e-9);
    assertEquals(70.0, usage.cpuMaxPercent(), 1e-9);
    assertEquals(1.2, usage.cpuSeconds(), 1e-9);
    assertEquals(200.0, usage.rssAvgMib(), 1e-9);
    assertEquals(300.0, usage.rssMaxMib(), 1e-9);
    assertEquals(3.0, usage.seconds(), 1e-9);
    assertEquals(4, usage.samples());
  }

  @Test
  void aShortLastStepCountsForTheAverageButNotForTheMaximum() {
    long s = 1_000_000_000L;
    List<ProcSample> samples = List.of(
        new ProcSample(0, 0, 1024),
        new ProcSample(s, 50, 1024),
        new ProcSample(s + s / 100, 52, 1024));
    ResourceUsage usage = ProcessStats.summarize(samples, 100);
    assertEquals(50.0, usage.cpuMaxPercent(), 1e-9);
    assertEquals(100 * 0.52 / 1.01, usage.cpuAvgPercent(), 1e-9);
  }

  @Test
  void aWindowOfOneSampleIsRefused() {
    assertEquals("a window needs at least two samples, had 1",
        assertThrows(IllegalArgumentException.class,
            () -> ProcessStats.summarize(List.of(new ProcSample(0, 0, 0)), 100)).getMessage());
  }
}
