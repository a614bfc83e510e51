package dev.convnet.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact values on small hand-computed cases, edge cases and argument errors. */
class LossValueTest {
  private static double value(Loss loss, double[] y, int batch, Targets t) {
    return loss.compute(y, batch, y.length / batch, t, new double[y.length]);
  }

  @Test
  void softmaxCrossEntropyOfALabel() {
    double[] g = new double[3];
    double v = Losses.softmaxCrossEntropy().compute(new double[] {1, 2, 3}, 1, 3, Targets.labels(new int[] {2}, 0),
        g);
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    assertEquals(lse - 3, v, 1e-15);
    assertArrayEquals(new double[] {Math.exp(1 - lse), Math.exp(2 - lse), Math.exp(3 - lse) - 1}, g, 1e-15);
  }

  @Test
  void softmaxCrossEntropyIsAMeanOverTheBatchAndAcceptsOneHotAndSoftTargets() {
    Loss loss = Losses.softmaxCrossEntropy();
    double[] y = {1, 2, 3, 0, 0, 0};
    double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double expected = ((lse - 3) + Math.log(3)) / 2;
    assertEquals(expected, value(loss, y, 2, Targets.labels(new int[] {2, 1}, 0)), 1e-15);
    assertEquals(expected, value(loss, y, 2, Targets.values(new float[] {0, 0, 1, 0, 1, 0}, 0)), 1e-15);
    double soft = 0.25 * (lse - 1) + 0.75 * (lse - 3);
    assertEquals(soft, value(loss, new double[] {1, 2, 3}, 1, Targets.values(new float[] {0.25f, 0, 0.75f}, 0)),
        1e-15);
  }

  @Test
  void softmaxCrossEntropyIsStableForHugeLogits() {
    Loss loss = Losses.softmaxCrossEntropy();
    double[] g = new double[2];
    assertEquals(0, loss.compute(new double[] {1000, 0}, 1, 2, Targets.labels(new int[] {0}, 0), g), 1e-300);
    assertEquals(1000, loss.compute(new double[] {1000, 0}, 1, 2, Targets.labels(new int[] {1}, 0), g), 1e-12);
    assertArrayEquals(new double[] {1, -1}, g, 1e-15);
    float[] gf = new float[2];
    assertEquals(2e4, loss.compute(new float[] {-1e4f, 1e4f}, 1, 2, Targets.labels(new int[] {0}, 0), gf), 1e-9);
  }

  @Test
  void categoricalCrossEntropyOnProbabilitiesIsClamped() {
    Loss loss = Losses.categoricalCrossEntropy();
    assertEquals(-Math.log(0.5), value(loss, new double[] {0.2, 0.3, 0.5}, 1, Targets.labels(new int[] {2}, 0)),
        1e-15);
    double[] g = new double[3];
    double v = loss.compute(new double[] {0, 1, 0}, 1, 3, Targets.labels(new int[] {0}, 0), g);
    assertEquals(-Math.log(1e-7), v, 1e-12);
    assertArrayEquals(new double[] {0, 0, 0}, g, 0, "zero derivative where clamped");
    assertEquals((-Math.log(0.5) - Math.log(0.25)) / 2,
        value(loss, new double[] {0.5, 0.5, 0.75, 0.25}, 2, Targets.labels(new int[] {0, 1}, 0)), 1e-15);
  }

  @Test
  void elementwiseLossesAverageOverAllValues() {
    Targets t = Targets.values(new float[] {0, 4, 1, -1}, 0);
    double[] y = {1, 2, 1.5, 1};
    assertEquals((1 + 4 + 0.25 + 4) / 4, value(Losses.meanSquaredError(), y, 2, t), 1e-15);
    assertEquals((1 + 2 + 0.5 + 2) / 4, value(Losses.meanAbsoluteError(), y, 2, t), 1e-15);
    double[] g = new double[4];
    Losses.meanSquaredError().compute(y, 2, 2, t, g);
    assertArrayEquals(new double[] {0.5, -1, 0.25, 1}, g, 1e-15);
  }

  @Test
  void binaryCrossEntropyWithLogits() {
    Loss loss = Losses.binaryCrossEntropyWithLogits();
    assertEquals(Math.log(2), value(loss, new double[] {0}, 1, Targets.values(new float[] {1}, 0)), 1e-15);
    double x = 2.5;
    double p = 1 / (1 + Math.exp(-x));
    double expected = -(0.3 * Math.log(p) + 0.7 * Math.log(1 - p));
    assertEquals(expected, value(loss, new double[] {x}, 1, Targets.values(new float[] {0.3f}, 0)), 1e-7);
    double[] g = new double[1];
    assertEquals(0, loss.compute(new double[] {-800}, 1, 1, Targets.values(new float[] {0}, 0), g), 1e-300);
    assertEquals(800, loss.compute(new double[] {-800}, 1, 1, Targets.values(new float[] {1}, 0), g), 1e-12);
    assertEquals(-1, g[0], 1e-15);
  }

  @Test
  void l1DerivativeIsZeroWhereOutputEqualsTarget() {
    double[] g = new double[3];
    Losses.meanAbsoluteError().compute(new double[] {1, 2, 3}, 1, 3, Targets.values(new float[] {1, 3, 2}, 0), g);
    assertArrayEquals(new double[] {0, -1.0 / 3, 1.0 / 3}, g, 1e-15);
  }

  @Test
  void meanSquaredLogarithmicError() {
    Loss loss = Losses.meanSquaredLogarithmicError();
    assertEquals(Math.pow(Math.log(2), 2),
        value(loss, new double[] {3}, 1, Targets.values(new float[] {1}, 0)), 1e-15);
    double[] g = new double[1];
    double v = loss.compute(new double[] {-5}, 1, 1, Targets.values(new float[] {0}, 0), g);
    assertEquals(Math.pow(Math.log(1e-7), 2), v, 1e-6, "output clamped just above -1");
    assertEquals(0, g[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> value(loss, new double[] {0, 0, 0, 0}, 2, Targets.values(new float[] {0, 0, 0, -1}, 0)));
    assertTrue(e.getMessage().contains("target 1 of sample 1") && e.getMessage().contains("> -1"),
        e.getMessage());
  }

  @Test
  void meanAbsolutePercentageError() {
    Loss loss = Losses.meanAbsolutePercentageError();
    assertEquals(25, value(loss, new double[] {1.5}, 1, Targets.values(new float[] {2}, 0)), 1e-12);
    assertEquals((25 + 50) / 2.0,
        value(loss, new double[] {1.5, -3}, 1, Targets.values(new float[] {2, -2}, 0)), 1e-12);
    assertEquals(100 * 0.5 / 1e-7, value(loss, new double[] {0.5}, 1, Targets.values(new float[] {0}, 0)), 1e-3,
        "a zero target is clamped to epsilon");
  }

  @Test
  void nonFiniteOutputsGiveANonFiniteLossForEveryLoss() {
    for (String name : List.of("softmax-cross-entropy", "categorical-cross-entropy", "mse",
        "binary-cross-entropy-with-logits", "l1", "msle", "mape")) {
      Loss loss = Losses.byName(name);
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[] y = {0.5, bad, 0.25};
        double v = loss.compute(y, 1, 3, Targets.values(new float[] {0.5f, 0.25f, 0.25f}, 0), new double[3]);
        assertTrue(!Double.isFinite(v), name + " hid output " + bad + ": loss " + v);
      }
      float[] yf = {0.5f, Float.NaN, 0.25f};
      assertTrue(Double.isNaN(loss.compute(yf, 1, 3, Targets.labels(new int[] {0}, 0), new float[3])), name);
    }
  }

  @Test
  void labelsOutsideTheOutputsNameTheSampleAndLabel() {
    Loss loss = Losses.softmaxCrossEntropy();
    float[] y = new float[8];
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(y, 2, 4, Targets.labels(new int[] {9, 1, 4}, 1), new float[8]));
    assertTrue(high.getMessage().contains("label 4 of sample 1") && high.getMessage().contains("[0, 4)"),
        high.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> Losses.meanSquaredError().compute(y, 2, 4, Targets.labels(new int[] {-1, 1}, 0), new float[8]));
    assertTrue(negative.getMessage().contains("label -1 of sample 0"), negative.getMessage());
  }

  @Test
  void nonFiniteTargetsAndShortArraysAreClearErrors() {
    Loss loss = Losses.meanSquaredError();
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[4], 2, 2, Targets.values(new float[] {0, 0, Float.NaN, 0}, 0), new float[4]));
    assertTrue(nan.getMessage().contains("target 0 of sample 1") && nan.getMessage().contains("NaN"),
        nan.getMessage());
    IllegalArgumentException shortOutput = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[3], 2, 2, Targets.values(new float[4], 0), new float[4]));
    assertTrue(shortOutput.getMessage().contains("needs 4 outputs, the output array has 3"),
        shortOutput.getMessage());
    IllegalArgumentException shortGradient = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[4], 2, 2, Targets.values(new float[4], 0), new float[2]));
    assertTrue(shortGradient.getMessage().contains("gradient array has 2"), shortGradient.getMessage());
    IllegalArgumentException shortTargets = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[4], 2, 2, Targets.values(new float[4], 1), new float[4]));
    assertTrue(shortTargets.getMessage().contains("values[1 .. 5)"), shortTargets.getMessage());
    IllegalArgumentException shortLabels = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[4], 2, 2, Targets.labels(new int[2], 1), new float[4]));
    assertTrue(shortLabels.getMessage().contains("labels[1 .. 3)"), shortLabels.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new float[4], 0, 2, Targets.values(new float[4], 0), new float[4]));
  }

  @Test
  void targetsAreReusableInPlace() {
    int[] labels = {0, 1, 2, 0};
    Targets t = Targets.labels(labels, 0);
    Loss loss = Losses.softmaxCrossEntropy();
    double[] y = {5, 0, 0};
    double first = value(loss, y, 1, t);
    double second = value(loss, y, 1, t.setOffset(1));
    assertTrue(first < 0.1 && second > 4, first + " " + second);
    assertEquals(first, value(loss, y, 1, t.setOffset(3)), 0);
    t.setValues(new float[] {0, 0, 1}, 0);
    assertTrue(!t.hasLabels());
    assertEquals(value(loss, y, 1, Targets.labels(new int[] {2}, 0)), value(loss, y, 1, t), 0);
  }

  @Test
  void doubleTargetValuesReachTheLossUnrounded() {
    double target = 0.1; // not a float: rounding it to float would move the loss by ~1.5e-9
    double[] g = new double[1];
    double v = Losses.meanSquaredError().compute(new double[] {0.3}, 1, 1, Targets.values(new double[] {target}, 0),
        g);
    assertEquals((0.3 - target) * (0.3 - target), v, 1e-17);
    assertEquals(2 * (0.3 - target), g[0], 1e-16);
    Targets t = Targets.values(new double[] {1, 2, 0.1}, 0);
    assertEquals(0.1, t.setOffset(2).value(0, 1, 0), 0);
    assertEquals(1.0, t.setValues(new float[] {1}, 0).value(0, 1, 0), 0, "float values replace double ones");
    Loss loss = Losses.meanSquaredError();
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new double[4], 2, 2, Targets.values(new double[] {0, 0, 0, Double.NaN}, 0), null));
    assertTrue(nan.getMessage().contains("target 1 of sample 1") && nan.getMessage().contains("NaN"),
        nan.getMessage());
    IllegalArgumentException shortArray = assertThrows(IllegalArgumentException.class,
        () -> loss.compute(new double[4], 2, 2, Targets.values(new double[3], 0), null));
    assertTrue(shortArray.getMessage().contains("has 3 entries"), shortArray.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Targets.values((double[]) null, 0));
  }

  @Test
  void factoryByNameKnowsEveryLossAndListsThemOnAMistake() {
    for (String name : Losses.names()) {
      Loss loss = Losses.byName(name.toUpperCase(java.util.Locale.ROOT));
      assertTrue(Losses.names().contains(loss.name()), name + " -> " + loss.name());
    }
    assertEquals("l1", Losses.byName("mae").name());
    assertEquals("softmax-cross-entropy", Losses.byName("cross-entropy").name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
    assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains("mse, "), e.getMessage());
  }
}
