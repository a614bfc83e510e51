package dev.convnet.runtime;

/**
 * Float functions for generated code that HotSpot can vectorize. Each is straight-line arithmetic (no branches, no
 * calls), so a loop applying it to an array compiles to SIMD instructions.
 */
public final class FastMath {
  /** Beyond this magnitude tanh rounds to ±1 in float. */
  private static final float TANH_CLAMP = 7.99881172180175781f;

  private FastMath() {}

  /**
   * The hyperbolic tangent, within 5·10⁻⁷ relative error of {@link Math#tanh} (a few float ulps): a
   * [13/6] odd rational approximation on the clamped argument (the coefficients of Eigen's {@code ptanh_float}). NaN
   * gives NaN; ±∞ gives ±1.
   *
   * @param x the argument
   * @return the hyperbolic tangent, within 5·10⁻⁷ relative error of {@link Math#tanh} (a few float ulps): a [13/6] odd rational approximation on the clamped argument (the coefficients of Eigen's {@code ptanh_float})
   */
  public static float tanh(float x) {
    float c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float x2 = c * c;
    float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
    p = x2 * p + -8.60467152213735e-11f;
    p = x2 * p + 5.12229709037114e-08f;
    p = x2 * p + 1.48572235717979e-05f;
    p = x2 * p + 6.37261928875436e-04f;
    p = x2 * p + 4.89352455891786e-03f;
    p = c * p;
    float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
    q = x2 * q + 2.26843463243900e-03f;
    q = x2 * q + 4.89352518554385e-03f;
    return p / q;
  }
}
