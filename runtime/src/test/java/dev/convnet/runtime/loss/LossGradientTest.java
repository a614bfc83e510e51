package dev.convnet.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of every loss's gradient in float64, and float/double agreement. */
class LossGradientTest {
  private static final int BATCH = 3;
  private static final int SIZE = 7;
  private static final double H = 1e-6;
  private static final double FLOOR = 1e-2;

  /** How to draw outputs and targets that keep a loss away from its kinks and clamps. */
  enum Case {
    SOFTMAX_LABELS("softmax-cross-entropy", -3, 3, true, 0, 0),
    SOFTMAX_SOFT_TARGETS("softmax-cross-entropy", -3, 3, false, 0, 1),
    CATEGORICAL_LABELS("categorical-cross-entropy", 0.05, 0.95, true, 0, 0),
    CATEGORICAL_SOFT_TARGETS("categorical-cross-entropy", 0.05, 0.95, false, 0, 1),
    MSE_VALUES("mse", -2, 2, false, -2, 2),
    MSE_LABELS("mse", -2, 2, true, 0, 0),
    BCE_WITH_LOGITS("binary-cross-entropy-with-logits", -4, 4, false, 0, 1),
    L1("l1", -2, 2, false, -2, 2),
    MSLE("msle", -0.5, 3, false, -0.5, 3),
    MAPE("mape", -2, 2, false, 0.5, 2),
    RBF_MAP("rbf-map", -1, 6, true, 0, 0);

    final String loss;
    final double outLow;
    final double outHigh;
    final boolean labels;
    final double targetLow;
    final double targetHigh;

    Case(String loss, double outLow, double outHigh, boolean labels, double targetLow, double targetHigh) {
      this.loss = loss;
      this.outLow = outLow;
      this.outHigh = outHigh;
      this.labels = labels;
      this.targetLow = targetLow;
      this.targetHigh = targetHigh;
    }

    Targets targets(SplittableRandom r) {
      if (labels) {
        int[] l = new int[BATCH + 2];
        for (int i = 0; i < l.length; i++) {
          l[i] = r.nextInt(SIZE);
        }
        return Targets.labels(l, 2); // an offset, to check it is honoured
      }
      float[] v = new float[BATCH * SIZE + 5];
      for (int i = 0; i < v.length; i++) {
        double t = targetLow + r.nextDouble() * (targetHigh - targetLow);
        v[i] = (float) (this == MAPE && r.nextBoolean() ? -t : t);
      }
      return Targets.values(v, 5);
    }

    double[] outputs(SplittableRandom r) {
      double[] y = new double[BATCH * SIZE];
      for (int i = 0; i < y.length; i++) {
        y[i] = outLow + r.nextDouble() * (outHigh - outLow);
      }
      return y;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(Case.values()).flatMap(c -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(c, seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferencesInDouble(Case c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Loss loss = Losses.byName(c.loss);
    Targets targets = c.targets(r);
    double[] y = c.outputs(r);
    double[] gradient = new double[y.length];
    double value = loss.compute(y, BATCH, SIZE, targets, gradient);
    assertTrue(Double.isFinite(value), c + ": loss " + value);
    double[] scratch = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double saved = y[i];
      y[i] = saved + H;
      double plus = loss.compute(y, BATCH, SIZE, targets, scratch);
      y[i] = saved - H;
      double minus = loss.compute(y, BATCH, SIZE, targets, scratch);
      y[i] = saved;
      double numeric = (plus - minus) / (2 * H);
      // Relative error, with the scale floored at 1e-2: the loss sums 21 terms of order 1, and its rounding divided
      // by 2h leaves a difference quotient ~1e-13 off, too coarse for relative 1e-7 on a component below 1e-2 (those
      // are held to an absolute 1e-9 instead, still far below the size of any real mistake).
      double scale = Math.max(FLOOR, Math.max(Math.abs(numeric), Math.abs(gradient[i])));
      double relative = Math.abs(numeric - gradient[i]) / scale;
      assertTrue(relative < 1e-7, c + " output " + i + ": analytic " + gradient[i] + ", numeric " + numeric
          + ", relative error " + relative);
    }
    assertEquals(value, loss.compute(y, BATCH, SIZE, targets, (double[]) null), 0, "value without a gradient");
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void floatOverloadAgreesWithDouble(Case c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Loss loss = Losses.byName(c.loss);
    Targets targets = c.targets(r);
    double[] y = c.outputs(r);
    float[] yf = new float[y.length + 4];
    double[] yd = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      yf[i] = (float) y[i];
      yd[i] = yf[i];
    }
    float[] gf = new float[y.length + 4];
    double[] gd = new double[y.length];
    double vf = loss.compute(yf, BATCH, SIZE, targets, gf);
    double vd = loss.compute(yd, BATCH, SIZE, targets, gd);
    // One implementation serves both overloads, in double: the float one differs only by rounding each gradient
    // value to float once, at the end.
    assertEquals(vd, vf, 0, c + " value");
    for (int i = 0; i < y.length; i++) {
      assertEquals((float) gd[i], gf[i], 0, c + " gradient " + i + " (the float64 gradient " + gd[i] + ")");
    }
    assertEquals(0f, gf[y.length], "wrote past batch × outputSize");
  }
}
