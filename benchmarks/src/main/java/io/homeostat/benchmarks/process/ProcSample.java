package io.homeostat.benchmarks.process;

/**
 * One reading of a process: when, its CPU time so far and its resident memory.
 *
 * @param nanoTime {@link System#nanoTime()} at the reading
 * @param cpuTicks user plus system CPU time, in clock ticks
 * @param rssKib resident set size in KiB
 */
public record ProcSample(long nanoTime, long cpuTicks, long rssKib) {}
