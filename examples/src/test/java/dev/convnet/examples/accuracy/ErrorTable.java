package dev.convnet.examples.accuracy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Measured errors against their limits. Every comparison prints one line (what, the measured relative error, the
 * limit) as it is made; {@link #assertWithinLimits()} then fails the test naming every comparison over its limit,
 * so that one failing run shows all the figures, not just the first one out of bounds. A NaN error is over any
 * limit.
 *
 * <p>The relative error of a tensor is {@code ‖got − want‖ / ‖want‖} (Euclidean norms over the whole tensor); of a
 * scalar, {@code |got − want| / |want|}. Where {@code want} is all zeros it is the absolute {@code ‖got‖}.
 */
public final class ErrorTable {
  private final List<String> over = new ArrayList<>();
  private double worst;

  /** Records and prints the relative error of {@code got} (its first {@code want.length} values). */
  public double check(String what, double[] got, double[] want, double limit) {
    return check(what, relative(got, want), limit);
  }

  /** Records and prints the relative error of {@code got} (its first {@code want.length} values). */
  public double check(String what, float[] got, double[] want, double limit) {
    return check(what, relative(widen(got), want), limit);
  }

  /** Records and prints the relative error of a scalar. */
  public double check(String what, double got, double want, double limit) {
    return check(what, relative(new double[] {got}, new double[] {want}), limit);
  }

  /** Records and prints an error measured elsewhere. */
  public double check(String what, double error, double limit) {
    System.out.printf("%-66s error %9.3e   limit %.1e%s%n", what, error, limit, error < limit ? "" : "   OVER");
    if (!(error < limit)) {
      over.add(what + ": error " + error + " is not below " + limit);
    }
    if (!(error <= worst)) {
      worst = error;
    }
    return error;
  }

  /** The largest error recorded so far (NaN if any was NaN). */
  public double worst() {
    return worst;
  }

  /** Fails, listing every comparison over its limit. */
  public void assertWithinLimits() {
    if (!over.isEmpty()) {
      fail(over.size() + " comparison(s) over the limit:\n  " + String.join("\n  ", over));
    }
  }

  /** {@code ‖got − want‖ / ‖want‖} over the first {@code want.length} values of {@code got}. */
  public static double relative(double[] got, double[] want) {
    if (got.length < want.length) {
      throw new IllegalArgumentException("got " + got.length + " values, want " + want.length);
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < want.length; i++) {
      double d = got[i] - want[i];
      diff += d * d;
      norm += want[i] * want[i];
    }
    return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
  }

  /** The values as doubles. */
  public static double[] widen(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
