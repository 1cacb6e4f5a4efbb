package io.homeostat.exporter.spanmetrics;

/**
 * The bucket index of a positive value in a base-2 exponential histogram: at scale {@code s}, bucket
 * {@code i} holds {@code (2^(i·2^-s), 2^((i+1)·2^-s)]}, so an exact power of two closes the bucket
 * below it (the OTLP data model's mapping).
 */
final class Base2 {

  private static final long SIGNIFICAND_MASK = 0x000F_FFFF_FFFF_FFFFL;
  private static final double LOG2_E = 1 / Math.log(2);

  private Base2() {}

  static int index(double value, int scale) {
    int exponent = Math.getExponent(value);
    long significand = Double.doubleToRawLongBits(value) & SIGNIFICAND_MASK;
    if (exponent < Double.MIN_EXPONENT) {
      // Subnormal values share the bucket that the smallest normal value closes.
      exponent = Double.MIN_EXPONENT;
      significand = 0;
    }
    if (scale <= 0) {
      return (significand == 0 ? exponent - 1 : exponent) >> -scale;
    }
    if (significand == 0) {
      return (exponent << scale) - 1;
    }
    return (int) Math.ceil(Math.log(value) * Math.scalb(LOG2_E, scale)) - 1;
  }
}
