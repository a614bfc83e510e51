package dev.convnet.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Exported optimizer state: an optimizer rebuilt from it continues bit for bit as the uninterrupted one, for every
 * algorithm and option that keeps state; the snapshot is a copy; mismatched algorithms or hyper-parameters are
 * refused with both named.
 */
class OptimizerStateTest {
  private static final int SIZE = 37;
  private static final int STEPS = 12;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        of("sgd", () -> new Sgd(0.05), List.of()),
        of("sgd momentum dampening wd", () -> new Sgd(0.05, 0.9, 0.1, false, 0.01), List.of("momentum_buffer")),
        of("nesterov", () -> new Sgd(0.05, 0.9, 0, true, 0), List.of("momentum_buffer")),
        of("adagrad", () -> new Adagrad(0.1, 0.01, 0.001, 0.1, 1e-10), List.of("sum")),
        of("rmsprop", () -> new RmsProp(0.01), List.of("square_avg")),
        of("rmsprop centered momentum", () -> new RmsProp(0.01, 0.9, 1e-8, 0.01, 0.5, true),
            List.of("square_avg", "grad_avg", "momentum_buffer")),
        of("adam", () -> new Adam(0.01), List.of("exp_avg", "exp_avg_sq")),
        of("adam amsgrad wd", () -> new Adam(0.01, 0.8, 0.95, 1e-8, 0.01, true),
            List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")),
        of("adamw", () -> new AdamW(0.01), List.of("exp_avg", "exp_avg_sq")),
        of("adamw amsgrad", () -> new AdamW(0.01, 0.9, 0.999, 1e-8, 0.1, true),
            List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")));
  }

  private static Arguments of(String name, Supplier<Optimizer> factory, List<String> slots) {
    return Arguments.of(name, factory, slots);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void resumedOptimizerContinuesBitForBit(String name, Supplier<Optimizer> factory, List<String> slots) {
    float[] straight = initial();
    Optimizer a = factory.get();
    for (int t = 1; t <= STEPS; t++) {
      step(a, straight, t);
    }
    for (int stop = 0; stop < STEPS; stop += 5) {
      float[] resumed = initial();
      Optimizer first = factory.get();
      for (int t = 1; t <= stop; t++) {
        step(first, resumed, t);
      }
      OptimizerState state = first.exportState();
      assertEquals(stop, state.steps());
      assertEquals(stop == 0 ? -1 : SIZE, state.size());
      assertEquals(stop == 0 ? List.of() : slots, List.copyOf(state.slots().keySet()), name);
      Optimizer second = factory.get();
      second.setLearningRate(123); // replaced by the import
      second.importState(state);
      assertEquals(first.toString(), second.toString());
      for (int t = stop + 1; t <= STEPS; t++) {
        step(second, resumed, t);
      }
      assertArrayEquals(straight, resumed, name + " resumed after " + stop + " steps");
      assertEquals(a.steps(), second.steps());
      assertEquals(a.exportState().describe(), second.exportState().describe());
    }
  }

  @Test
  void exportIsACopy() {
    Adam adam = new Adam(0.01);
    float[] p = initial();
    step(adam, p, 1);
    OptimizerState state = adam.exportState();
    float[] m = state.slots().get("exp_avg").clone();
    step(adam, p, 2);
    assertArrayEquals(m, state.slots().get("exp_avg"));
    assertNotEquals(m[0], adam.exportState().slots().get("exp_avg")[0]);
    assertEquals(1, state.steps());
    assertThrows(UnsupportedOperationException.class, () -> state.slots().put("x", new float[SIZE]));
  }

  @Test
  void importOfAnotherAlgorithmOrHyperParametersIsRefusedNamingBoth() {
    float[] p = initial();
    Adam adam = new Adam(0.01);
    step(adam, p, 1);
    OptimizerState state = adam.exportState();
    AdamW adamw = new AdamW(0.01);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adamw.importState(state));
    assertTrue(e.getMessage().contains("is of Adam(lr=0.01, betas=(0.9, 0.999)"), e.getMessage());
    assertTrue(e.getMessage().contains("this optimizer is AdamW(lr=0.01"), e.getMessage());
    Adam other = new Adam(0.01, 0.9, 0.99, 1e-8, 0, false);
    e = assertThrows(IllegalArgumentException.class, () -> other.importState(state));
    assertTrue(e.getMessage().contains("betas=(0.9, 0.99)"), e.getMessage());
    assertEquals(0, other.steps(), "a refused import changes nothing");
  }

  @Test
  void importOfAFreshStateResetsAUsedOptimizer() {
    float[] p = initial();
    Sgd used = new Sgd(0.05, 0.9, 0, false, 0);
    step(used, p, 1);
    Sgd fresh = new Sgd(0.2, 0.9, 0, false, 0);
    used.importState(fresh.exportState());
    assertEquals(0, used.steps());
    assertEquals(0.2, used.learningRate());
    float[] x = initial();
    float[] y = initial();
    step(used, x, 1);
    step(new Sgd(0.2, 0.9, 0, false, 0), y, 1);
    assertArrayEquals(y, x);
  }

  @Test
  void inconsistentStatesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new OptimizerState("Adam", "", 0.1, -1, 3, Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OptimizerState("Adam", "", 0.1, 1, 3, Map.of("exp_avg", new float[2])));
    assertTrue(e.getMessage().contains("slot 'exp_avg' has 2 values for 3 parameters"), e.getMessage());
    Adam adam = new Adam(0.01);
    OptimizerState missing = new OptimizerState("Adam", adam.exportState().hyperParameters(), 0.01, 1, 3,
        Map.of("exp_avg", new float[3]));
    e = assertThrows(IllegalArgumentException.class, () -> adam.importState(missing));
    assertTrue(e.getMessage().contains("holds arrays [exp_avg]"), e.getMessage());
    assertFalse(adam.steps() > 0);
  }

  private static float[] initial() {
    float[] p = new float[SIZE];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < SIZE; i++) {
      p[i] = (float) random.nextGaussian();
    }
    return p;
  }

  /** One step on a gradient that depends on the parameters and the step, with a schedule-like learning rate. */
  private static void step(Optimizer optimizer, float[] p, int t) {
    if (t == 7) {
      optimizer.setLearningRate(optimizer.learningRate() * 0.5);
    }
    float[] g = new float[SIZE];
    SplittableRandom noise = new SplittableRandom(1000 + t);
    for (int i = 0; i < SIZE; i++) {
      g[i] = (float) (p[i] * (1 + i % 3) - 0.5 + 0.3 * noise.nextGaussian());
    }
    optimizer.step(p, g);
  }
}
