package io.homeostat.benchmarks.process;

/**
 * A process's CPU and memory over a measurement window.
 *
 * @param cpuAvgPercent CPU time over the window's wall time, in percent of one core
 * @param cpuMaxPercent the busiest one-second sample, in percent of one core
 * @param cpuSeconds CPU time spent in the window
 * @param rssAvgMib average resident memory of the samples, in MiB
 * @param rssMaxMib largest resident memory of the samples, in MiB
 * @param seconds wall time of the window
 * @param samples readings taken, the first at the window's start
 */
public record ResourceUsage(double cpuAvgPercent, double cpuMaxPercent, double cpuSeconds,
    double rssAvgMib, double rssMaxMib, double seconds, int samples) {}
