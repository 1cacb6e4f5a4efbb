package io.homeostat.homeostasis.issues;

import com.google.protobuf.ByteString;

/**
 * 64-bit hashes of text and ids, stable across restarts and machines (fingerprints and saved
 * distinct counts depend on that): FNV-1a, then the SplitMix64 finalizer, so that every bit of
 * the result depends on every input bit, as the HyperLogLog sketch of {@link DistinctCount} needs.
 */
final class Hashes {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashes() {}

  static long of(CharSequence text) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * FNV_PRIME;
    }
    return mix(hash);
  }

  static long of(ByteString bytes) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < bytes.size(); i++) {
      hash = (hash ^ (bytes.byteAt(i) & 0xff)) * FNV_PRIME;
    }
    return mix(hash);
  }

  private static long mix(long hash) {
    long z = hash;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
