package io.homeostat.homeostasis.issues;

import java.util.Arrays;
import java.util.Base64;

/**
 * How many distinct traces (or users) an issue touched, in bounded memory: exact for the first
 * {@value #EXACT} distinct values, then a HyperLogLog sketch of {@value #REGISTERS} one-byte
 * registers (1 KiB), whose estimate is within about 3 % (1.04 / sqrt(1024)) whatever the count.
 * Most issues touch a few traces and stay exact and small; an outage that touches millions costs
 * the same kilobyte as one that touches a hundred.
 *
 * <p>Values come in as 64-bit hashes (see {@link Hashes}); not thread-safe.
 */
final class DistinctCount {

  /** Distinct values counted exactly before switching to the sketch. */
  static final int EXACT = 32;
  private static final int PRECISION = 10;
  /** Registers of the sketch: 2^{@value #PRECISION}. */
  static final int REGISTERS = 1 << PRECISION;

  /** The saved form: the exact hashes, or the sketch's registers in Base64. */
  record Saved(long[] hashes, String registers) {}

  private long[] exact = new long[4];
  private int size;
  private byte[] registers;

  void add(long hash) {
    if (registers != null) {
      addToSketch(registers, hash);
      return;
    }
    for (int i = 0; i < size; i++) {
      if (exact[i] == hash) {
        return;
      }
    }
    if (size == EXACT) {
      registers = new byte[REGISTERS];
      for (int i = 0; i < size; i++) {
        addToSketch(registers, exact[i]);
      }
      addToSketch(registers, hash);
      exact = null;
      return;
    }
    if (size == exact.length) {
      exact = Arrays.copyOf(exact, Math.min(EXACT, size * 2));
    }
    exact[size++] = hash;
  }

  long estimate() {
    if (registers == null) {
      return size;
    }
    double sum = 0;
    int zeros = 0;
    for (byte register : registers) {
      sum += Math.scalb(1.0, -register);
      if (register == 0) {
        zeros++;
      }
    }
    double m = REGISTERS;
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) {
      estimate = m * Math.log(m / zeros);
    }
    return Math.max(EXACT + 1L, Math.round(estimate));
  }

  Saved save() {
    return registers == null
        ? new Saved(Arrays.copyOf(exact, size), null)
        : new Saved(null, Base64.getEncoder().encodeToString(registers));
  }

  static DistinctCount restore(Saved saved) {
    DistinctCount count = new DistinctCount();
    if (saved == null) {
      return count;
    }
    if (saved.registers() != null) {
      byte[] registers = Base64.getDecoder().decode(saved.registers());
      if (registers.length == REGISTERS) {
        count.registers = registers;
        count.exact = null;
        return count;
      }
    }
    if (saved.hashes() != null) {
      for (long hash : saved.hashes()) {
        count.add(hash);
      }
    }
    return count;
  }

  private static void addToSketch(byte[] registers, long hash) {
    int index = (int) (hash >>> (64 - PRECISION));
    // The rank of the first 1 bit in the remaining bits; a 1 is appended so that it is at most 55.
    long rest = hash << PRECISION | 1L << (PRECISION - 1);
    byte rank = (byte) (Long.numberOfLeadingZeros(rest) + 1);
    if (rank > registers[index]) {
      registers[index] = rank;
    }
  }
}
