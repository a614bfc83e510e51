package dev.convnet.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.runtime.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The test fixture's backward pass is right, so that training tests rest on a correct network. */
class TinyNetworkTest {
  @Test
  void onlyGeneratedNetworksCanBeFrozen() {
    TinyNetwork net = new TinyNetwork("T", Shape.map(1, 2, 2), 0, 3).initialize(7);
    String message = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, net::frozen)
        .getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(message.contains("T cannot be frozen"), message);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    for (int hidden : new int[] {0, 3}) {
      TinyNetwork net = new TinyNetwork("T", Shape.map(1, 2, 2), hidden, 3).initialize(7);
      SplittableRandom r = new SplittableRandom(1);
      int batch = 2;
      float[] x = new float[batch * 4];
      float[] g = new float[batch * 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextDouble() * 2 - 1);
      }
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (r.nextDouble() * 2 - 1);
      }
      net.forward(x, 0, batch);
      float[] dx = net.backward(g).clone();
      float[] analytic = net.gradients().clone();
      float[] p = net.parameters().data();
      for (int i = 0; i < p.length; i++) {
        float saved = p[i];
        p[i] = saved + 1e-2f;
        double plus = objective(net.forward(x, 0, batch), g);
        p[i] = saved - 1e-2f;
        double minus = objective(net.forward(x, 0, batch), g);
        p[i] = saved;
        assertEquals((plus - minus) / 2e-2, analytic[i], 2e-3, "hidden " + hidden + " parameter " + i);
      }
      for (int i = 0; i < x.length; i++) {
        float saved = x[i];
        x[i] = saved + 1e-2f;
        double plus = objective(net.forward(x, 0, batch), g);
        x[i] = saved - 1e-2f;
        double minus = objective(net.forward(x, 0, batch), g);
        x[i] = saved;
        assertEquals((plus - minus) / 2e-2, dx[i], 2e-3, "hidden " + hidden + " input " + i);
      }
    }
  }

  /** Σ g · out, whose gradient with respect to the output is g. */
  private static double objective(float[] out, float[] g) {
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += (double) g[i] * out[i];
    }
    return s;
  }
}
