package io.homeostat.processor.memorylimiter;

import java.time.Duration;

/**
 * The least time between two garbage collections the memory limiter requests.
 *
 * @param whenSoftLimited while used heap is above the soft limit
 * @param whenHardLimited while it is above the hard limit
 */
record GcIntervals(Duration whenSoftLimited, Duration whenHardLimited) {}
