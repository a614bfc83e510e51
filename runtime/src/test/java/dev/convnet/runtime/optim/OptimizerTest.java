package dev.convnet.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against an independent, straightforward double-precision transcription of the torch.optim update
 * rule, on the quadratic loss sum(p²) (gradient 2p) from p = [1, -2, 3], for five steps.
 */
class OptimizerTest {
  private static final float[] START = {1, -2, 3};
  private static final int STEPS = 5;

  /** A reference update of one parameter vector; params are float, as the optimizer's contract has them. */
  interface Reference {
    void step(float[] p, float[] g, int t);
  }

  private static void assertMatches(Supplier<Optimizer> factory, Reference reference) {
    Optimizer optimizer = factory.get();
    float[] p = START.clone();
    float[] expected = START.clone();
    for (int t = 1; t <= STEPS; t++) {
      float[] g = gradient(p);
      float[] gCopy = g.clone();
      optimizer.step(p, g);
      assertArrayEquals(gCopy, g, "the optimizer changed the gradients");
      reference.step(expected, gradient(expected), t);
      for (int i = 0; i < p.length; i++) {
        // measured: at most 2 ulps apart (SGD with momentum: the optimizer keeps its buffer in float, this in double)
        assertEquals(expected[i], p[i], 20 * Math.ulp(expected[i]), optimizer + " step " + t + " parameter " + i);
      }
    }
    assertTrue(Math.abs(p[2] - START[2]) > 1e-3, optimizer + " did not move");
    assertEquals(STEPS, optimizer.steps());
    // reset() gives the behaviour of a fresh optimizer
    optimizer.reset();
    float[] again = START.clone();
    Optimizer fresh = factory.get();
    float[] freshP = START.clone();
    for (int t = 1; t <= 3; t++) {
      optimizer.step(again, gradient(again));
      fresh.step(freshP, gradient(freshP));
    }
    assertArrayEquals(freshP, again, optimizer + " after reset()");
  }

  private static float[] gradient(float[] p) {
    float[] g = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      g[i] = 2 * p[i];
    }
    return g;
  }

  @Test
  void sgdFirstStepByHand() {
    float[] p = {1, -2, 3};
    new Sgd(0.1).step(p, new float[] {2, -4, 6});
    assertArrayEquals(new float[] {0.8f, -1.6f, 2.4f}, p, 1e-7f);
  }

  @Test
  void sgdVariants() {
    for (double wd : new double[] {0, 0.05}) {
      assertMatches(() -> new Sgd(0.1, 0, 0, false, wd), (p, g, t) -> {
        for (int i = 0; i < p.length; i++) {
          p[i] = (float) (p[i] - 0.1 * (g[i] + wd * p[i]));
        }
      });
      for (double dampening : new double[] {0, 0.3}) {
        double[] buf = new double[3];
        assertMatches(() -> new Sgd(0.1, 0.9, dampening, false, wd), (p, g, t) -> {
          for (int i = 0; i < p.length; i++) {
            double d = g[i] + wd * p[i];
            buf[i] = t == 1 ? d : 0.9 * buf[i] + (1 - dampening) * d;
            p[i] = (float) (p[i] - 0.1 * buf[i]);
          }
        });
      }
      double[] nbuf = new double[3];
      assertMatches(() -> new Sgd(0.05, 0.8, 0, true, wd), (p, g, t) -> {
        for (int i = 0; i < p.length; i++) {
          double d = g[i] + wd * p[i];
          nbuf[i] = t == 1 ? d : 0.8 * nbuf[i] + d;
          p[i] = (float) (p[i] - 0.05 * (d + 0.8 * nbuf[i]));
        }
      });
    }
  }

  @Test
  void adagrad() {
    double[] sum = {0.1, 0.1, 0.1};
    assertMatches(() -> new Adagrad(0.5, 0.1, 0.01, 0.1, 1e-10), (p, g, t) -> {
      double clr = 0.5 / (1 + (t - 1) * 0.1);
      for (int i = 0; i < p.length; i++) {
        double d = g[i] + 0.01 * p[i];
        sum[i] += d * d;
        p[i] = (float) (p[i] - clr * d / (Math.sqrt(sum[i]) + 1e-10));
      }
    });
    float[] p = {1, -2, 3};
    new Adagrad(0.5).step(p, new float[] {2, -4, 6});
    assertArrayEquals(new float[] {0.5f, -1.5f, 2.5f}, p, 1e-6f, "first step moves each parameter by lr");
  }

  @Test
  void rmsprop() {
    for (boolean centered : new boolean[] {false, true}) {
      for (double momentum : new double[] {0, 0.9}) {
        double[] sq = new double[3];
        double[] avgG = new double[3];
        double[] buf = new double[3];
        assertMatches(() -> new RmsProp(0.01, 0.9, 1e-8, 0.02, momentum, centered), (p, g, t) -> {
          for (int i = 0; i < p.length; i++) {
            double d = g[i] + 0.02 * p[i];
            sq[i] = 0.9 * sq[i] + 0.1 * d * d;
            double avg;
            if (centered) {
              avgG[i] = 0.9 * avgG[i] + 0.1 * d;
              avg = Math.sqrt(sq[i] - avgG[i] * avgG[i]) + 1e-8;
            } else {
              avg = Math.sqrt(sq[i]) + 1e-8;
            }
            if (momentum > 0) {
              buf[i] = momentum * buf[i] + d / avg;
              p[i] = (float) (p[i] - 0.01 * buf[i]);
            } else {
              p[i] = (float) (p[i] - 0.01 * d / avg);
            }
          }
        });
      }
    }
  }

  @Test
  void adamAndAmsgrad() {
    for (boolean amsgrad : new boolean[] {false, true}) {
      for (double wd : new double[] {0, 0.1}) {
        double[] m = new double[3];
        double[] v = new double[3];
        double[] vMax = new double[3];
        assertMatches(() -> new Adam(0.1, 0.8, 0.95, 1e-8, wd, amsgrad), (p, g, t) -> {
          for (int i = 0; i < p.length; i++) {
            double d = g[i] + wd * p[i];
            m[i] = 0.8 * m[i] + 0.2 * d;
            v[i] = 0.95 * v[i] + 0.05 * d * d;
            vMax[i] = Math.max(vMax[i], v[i]);
            double bc1 = 1 - Math.pow(0.8, t);
            double bc2 = 1 - Math.pow(0.95, t);
            double denom = Math.sqrt(amsgrad ? vMax[i] : v[i]) / Math.sqrt(bc2) + 1e-8;
            p[i] = (float) (p[i] - 0.1 / bc1 * m[i] / denom);
          }
        });
      }
    }
    float[] p = {1, -2, 3};
    new Adam(0.1).step(p, new float[] {2, -4, 6});
    assertArrayEquals(new float[] {0.9f, -1.9f, 2.9f}, p, 1e-6f, "Adam's first step is lr · sign(g)");
  }

  @Test
  void adamWDecaysWeightsBeforeTheAdamStep() {
    double[] m = new double[3];
    double[] v = new double[3];
    assertMatches(() -> new AdamW(0.1, 0.9, 0.999, 1e-8, 0.5, false), (p, g, t) -> {
      for (int i = 0; i < p.length; i++) {
        double decayed = p[i] * (1 - 0.1 * 0.5);
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
        p[i] = (float) (decayed - 0.1 / (1 - Math.pow(0.9, t)) * m[i] / denom);
      }
    });
    float[] withDecay = {1, -2, 3};
    float[] without = {1, -2, 3};
    new AdamW(0.1, 0.9, 0.999, 1e-8, 0.5, false).step(withDecay, new float[] {2, -4, 6});
    new Adam(0.1).step(without, new float[] {2, -4, 6});
    assertEquals(1 * 0.95 - 0.1, withDecay[0], 1e-6);
    assertEquals(0.9, without[0], 1e-6);
  }

  @Test
  void learningRateChangesTakeEffectOnTheNextStep() {
    Sgd sgd = new Sgd(0.1);
    float[] p = {1};
    sgd.step(p, new float[] {1});
    sgd.setLearningRate(0.5);
    assertEquals(0.5, sgd.learningRate());
    sgd.step(p, new float[] {1});
    assertEquals(1 - 0.1 - 0.5, p[0], 1e-7);
  }

  @Test
  void badArgumentsAreClearErrors() {
    Adam adam = new Adam(0.1);
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> adam.step(new float[3], new float[2]));
    assertTrue(lengths.getMessage().contains("3") && lengths.getMessage().contains("2"), lengths.getMessage());
    adam.step(new float[3], new float[3]);
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> adam.step(new float[4], new float[4]));
    assertTrue(other.getMessage().contains("state is for 3 parameters, got 4"), other.getMessage());
    adam.reset();
    adam.step(new float[4], new float[4]); // after reset it may be used for another array
    assertThrows(IllegalArgumentException.class, () -> new Sgd(-1));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0, 0, true, 0), "Nesterov needs momentum");
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.1, -0.1, 1e-8, 0, 0, false));
  }

  @Test
  void factoryByName() {
    assertTrue(Optimizers.create("sgd", 0.1) instanceof Sgd);
    assertTrue(Optimizers.create("ADAM", 0.1).getClass() == Adam.class);
    assertTrue(Optimizers.create("adamw", 0.1) instanceof AdamW);
    assertTrue(Optimizers.create("adagrad", 0.1) instanceof Adagrad);
    assertTrue(Optimizers.create("rmsprop", 0.1) instanceof RmsProp);
    assertEquals(0.01, ((AdamW) Optimizers.create("adamw", 0.1)).weightDecay(), "PyTorch's AdamW default");
    assertTrue(Optimizers.create("nesterov", 0.1).toString().contains("nesterov=true"));
    // "momentum" is SGD with momentum 0.9
    float[] a = {1, -2, 3};
    float[] b = a.clone();
    Optimizer byName = Optimizers.create("momentum", 0.1);
    Optimizer direct = new Sgd(0.1, 0.9, 0, false, 0);
    for (int t = 0; t < 3; t++) {
      byName.step(a, gradient(a));
      direct.step(b, gradient(b));
    }
    assertArrayEquals(b, a);
    for (String name : Optimizers.names()) {
      assertEquals(0.1, Optimizers.create(name, 0.1).learningRate(), name);
      assertTrue(Optimizers.defaultLearningRate(name) > 0, name);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.create("lbfgs", 0.1));
    assertTrue(e.getMessage().contains("'lbfgs'") && e.getMessage().contains("adamw"), e.getMessage());
  }
}
