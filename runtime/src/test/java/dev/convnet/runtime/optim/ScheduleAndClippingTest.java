package dev.convnet.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleAndClippingTest {
  @Test
  void constantStepExponentialAndCosineFollowPyTorch() {
    LearningRateSchedule constant = LearningRateSchedule.constant();
    assertEquals(0.1, constant.learningRate(0.1, 17));
    LearningRateSchedule step = LearningRateSchedule.step(3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], step.learningRate(0.1, e), 1e-15, "step, epoch " + e);
    }
    LearningRateSchedule exp = LearningRateSchedule.exponential(0.9);
    assertEquals(0.1, exp.learningRate(0.1, 0), 1e-15);
    assertEquals(0.1 * 0.729, exp.learningRate(0.1, 3), 1e-15);
    LearningRateSchedule cosine = LearningRateSchedule.cosine(10, 0.001);
    assertEquals(0.1, cosine.learningRate(0.1, 0), 1e-15);
    assertEquals(0.001 + 0.099 / 2, cosine.learningRate(0.1, 5), 1e-15);
    assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.3)) / 2, cosine.learningRate(0.1, 3), 1e-15);
    assertEquals(0.001, cosine.learningRate(0.1, 10), 1e-15);
  }

  @Test
  void scheduleSetsAnyOptimizersRate() {
    Optimizer adam = new Adam(0.01);
    LearningRateSchedule.step(2, 0.1).apply(adam, 0.01, 4);
    assertEquals(0.0001, adam.learningRate(), 1e-15);
  }

  @Test
  void parsesCommandLineDescriptions() {
    assertEquals(0.025, LearningRateSchedule.parse("step:2:0.5").learningRate(0.1, 4), 1e-15);
    assertEquals(0.1 * 0.81, LearningRateSchedule.parse("exponential:0.9").learningRate(0.1, 2), 1e-15);
    assertEquals(0.0, LearningRateSchedule.parse("cosine:4").learningRate(0.1, 4), 1e-15);
    assertEquals(0.1, LearningRateSchedule.parse("constant").learningRate(0.1, 4), 1e-15);
    for (String bad : new String[] {"linear", "step:2", "step:x:0.5", "cosine:0", "exponential:-1", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LearningRateSchedule.parse(bad), bad);
      assertTrue(e.getMessage().length() > 10, e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant().learningRate(0.1, -1));
  }

  @Test
  void clippingScalesByMaxOverNormPlusEpsilonOnlyAboveTheLimit() {
    float[] g = {3, 4};
    assertEquals(5, GradientClipping.clipByGlobalNorm(g, 1), 1e-12);
    double c = 1 / (5 + 1e-6);
    assertArrayEquals(new float[] {(float) (3 * c), (float) (4 * c)}, g, 1e-7f);
    float[] small = {0.3f, 0.4f};
    assertEquals(0.5, GradientClipping.clipByGlobalNorm(small, 1), 1e-7);
    assertArrayEquals(new float[] {0.3f, 0.4f}, small);
    float[] nan = {Float.NaN, 1};
    assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(nan, 1)));
    assertEquals(1f, nan[1], "non-finite norm: gradients left for the caller to report");
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(g, 0));
    assertEquals(13, GradientClipping.norm(new float[] {3, 4, 12}), 1e-12);
  }
}
