package dev.convnet.runtime.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** LeCun et al. 1998 eq. (9) on hand-computed cases, its stability, its arguments and its arg-min prediction. */
class RbfMapLossTest {
  @Test
  void valueAndGradientOfEquation9() {
    double j = 2;
    double[] y = {1, 0.5, 3, /* second sample */ 4, 0, 2};
    double[] g = new double[6];
    double v = Losses.rbfMap(j).compute(y, 2, 3, Targets.labels(new int[] {7, 0, 1}, 1), g);
    double z0 = Math.exp(-j) + Math.exp(-1) + Math.exp(-0.5) + Math.exp(-3);
    double z1 = Math.exp(-j) + Math.exp(-4) + Math.exp(0) + Math.exp(-2);
    assertEquals(((1 + Math.log(z0)) + (0 + Math.log(z1))) / 2, v, 1e-15);
    assertArrayEquals(new double[] {
        (1 - Math.exp(-1) / z0) / 2, -Math.exp(-0.5) / z0 / 2, -Math.exp(-3) / z0 / 2,
        -Math.exp(-4) / z1 / 2, (1 - 1 / z1) / 2, -Math.exp(-2) / z1 / 2}, g, 1e-15);
  }

  @Test
  void theRubbishClassBoundsThePushOnLargePenalties() {
    // Every penalty far above j: the loss is the correct penalty minus j, and the others get almost no gradient.
    double[] g = new double[3];
    double v = Losses.rbfMap(1).compute(new double[] {40, 50, 60}, 1, 3, Targets.labels(new int[] {0}, 0), g);
    assertEquals(40 - 1, v, 1e-12);
    assertEquals(1, g[0], 1e-15);
    assertEquals(0, g[1], 1e-20);
  }

  @Test
  void hugeAndNegativePenaltiesDoNotOverflow() {
    Loss loss = Losses.rbfMap(1);
    double[] g = new double[3];
    assertEquals(1e4 - 1, loss.compute(new double[] {1e4, 2e4, 3e4}, 1, 3, Targets.labels(new int[] {0}, 0), g),
        1e-9);
    double v = loss.compute(new double[] {-1e4, 0, 5}, 1, 3, Targets.labels(new int[] {1}, 0), g);
    assertEquals(1e4, v, 1e-9, "log(e^-j + Σ e^-y) ≈ 1e4, plus y[1] = 0");
    assertEquals(-1, g[0], 1e-12);
    assertEquals(1, g[1], 1e-12);
    float[] gf = new float[3];
    double vf = loss.compute(new float[] {1e30f, 3e38f, 0}, 1, 3, Targets.labels(new int[] {2}, 0), gf);
    assertTrue(Double.isFinite(vf) && Float.isFinite(gf[0]) && Float.isFinite(gf[1]), vf + " " + gf[0]);
  }

  @Test
  void nonFiniteOutputsGiveANonFiniteLoss() {
    Loss loss = Losses.rbfMap(1);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      double v = loss.compute(new double[] {0.5, bad, 0.25}, 1, 3, Targets.labels(new int[] {1}, 0), new double[3]);
      assertTrue(!Double.isFinite(v), "hid output " + bad + ": loss " + v);
    }
    assertTrue(Double.isNaN(loss.compute(new float[] {0.5f, Float.NaN, 0.25f}, 1, 3,
        Targets.labels(new int[] {0}, 0), new float[3])));
  }

  @Test
  void byNameUsesJEqualToOneAndBadArgumentsAreClearErrors() {
    Loss named = Losses.byName("RBF-MAP");
    assertEquals("rbf-map", named.name());
    assertTrue(Losses.names().contains("rbf-map"));
    double[] y = {0.3, 1.7, 2.2};
    Targets t = Targets.labels(new int[] {2}, 0);
    assertEquals(Losses.rbfMap(1.0).compute(y, 1, 3, t, null), named.compute(y, 1, 3, t, null), 0);
    assertTrue(Losses.rbfMap(3.0).compute(y, 1, 3, t, null) != named.compute(y, 1, 3, t, null));
    IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
        () -> named.compute(y, 1, 3, Targets.values(new float[3], 0), null));
    assertTrue(values.getMessage().contains("rbf-map needs class labels"), values.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> named.compute(y, 1, 3, Targets.labels(new int[] {3}, 0), null));
    assertTrue(label.getMessage().contains("label 3 of sample 0"), label.getMessage());
    IllegalArgumentException j = assertThrows(IllegalArgumentException.class, () -> Losses.rbfMap(Double.NaN));
    assertTrue(j.getMessage().contains("j must be finite"), j.getMessage());
  }

  @Test
  void predictionIsTheArgMinForRbfAndTheArgMaxOtherwise() {
    float[] out = {9, 3, 1, 7, /* second sample */ 2, 5, 2, 0.5f};
    Loss rbf = Losses.rbfMap(1);
    assertEquals(2, rbf.predict(out, 0, 4));
    assertEquals(3, rbf.predict(out, 4, 4));
    assertEquals(0, rbf.predict(out, 4, 3), "the first on ties");
    Loss softmax = Losses.softmaxCrossEntropy();
    assertEquals(0, softmax.predict(out, 0, 4));
    assertEquals(1, softmax.predict(out, 4, 4));
    assertEquals(2, Losses.meanSquaredError().predict(out, 1, 3));
    for (Loss loss : new Loss[] {rbf, softmax}) {
      IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> loss.predict(out, 6, 4));
      assertTrue(past.getMessage().contains("[6 .. 10) of an array of 8"), past.getMessage());
      assertThrows(IllegalArgumentException.class, () -> loss.predict(out, 0, 0));
      assertThrows(IllegalArgumentException.class, () -> loss.predict(null, 0, 1));
    }
  }
}
