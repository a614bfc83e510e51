package dev.convnet.examples.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convnet.examples.nets.GradFrozenNet;
import dev.convnet.examples.nets.GradFrozenNet64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The frozen convolutions of {@link dev.convnet.examples.nets.GradFrozen} compute what their declared kernels say:
 * Sobel x and y (zero padding 1) by hand on a 7×6 input, and one shared 2×2 kernel summed over both Sobel maps for
 * each of the 3 filters (stride 2×1). Training steps leave them alone: they are no parameters.
 */
class FrozenConvTest {
  private static final int H = 7;
  private static final int W = 6;
  private static final double[][] SOBEL_X = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
  private static final double[][] SOBEL_Y = {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}};
  private static final double[][] SHARED = {{0.5, -0.25}, {1, 0.75}};

  private static double at(double[] x, int offset, int i, int j) {
    return i < 0 || j < 0 || i >= H || j >= W ? 0 : x[offset + i * W + j];
  }

  /** Sobel by hand, cross-correlation with zero padding 1, as PyTorch's conv2d. */
  private static double sobel(double[] x, int offset, double[][] k, int i, int j) {
    double s = 0;
    for (int u = 0; u < 3; u++) {
      for (int v = 0; v < 3; v++) {
        s += k[u][v] * at(x, offset, i + u - 1, j + v - 1);
      }
    }
    return s;
  }

  @Test
  void sobelAndSharedKernelsMatchHandComputation() {
    GradFrozenNet64 net = new GradFrozenNet64();
    int batch = 2;
    double[] x = new double[batch * H * W];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(-4, 5);
    }
    // a vertical edge in the first sample: Sobel x is 4 on its columns (2·1 + 1 + 1), Sobel y is 0 inside
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < W; j++) {
        x[i * W + j] = j < 3 ? 0 : 1;
      }
    }
    net.forward(x, batch);
    double[] sobel = net.layerOutput("sobel");
    assertEquals(4, sobel[3 * W + 2], 0);
    assertEquals(4, sobel[3 * W + 3], 0);
    assertEquals(0, sobel[H * W + 3 * W + 3], 0);
    for (int n = 0; n < batch; n++) {
      for (int i = 0; i < H; i++) {
        for (int j = 0; j < W; j++) {
          int o = n * 2 * H * W;
          assertEquals(sobel(x, n * H * W, SOBEL_X, i, j), sobel[o + i * W + j], 1e-12, "Gx " + n + " " + i + " " + j);
          assertEquals(sobel(x, n * H * W, SOBEL_Y, i, j), sobel[o + H * W + i * W + j], 1e-12, "Gy");
        }
      }
    }
    double[] shared = net.layerOutput("shared");
    int oh = (H - 2) / 2 + 1;
    int ow = W - 1;
    assertEquals(batch * 3 * oh * ow, net.layers().stream().filter(l -> l.name().equals("shared")).findFirst()
        .orElseThrow().outputShape().size() * batch);
    for (int n = 0; n < batch; n++) {
      for (int f = 0; f < 3; f++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = 0;
            for (int c = 0; c < 2; c++) {
              for (int u = 0; u < 2; u++) {
                for (int v = 0; v < 2; v++) {
                  s += SHARED[u][v] * sobel[(n * 2 + c) * H * W + (2 * i + u) * W + j + v];
                }
              }
            }
            assertEquals(s, shared[((n * 3 + f) * oh + i) * ow + j], 1e-12, "shared " + f + " " + i + " " + j);
          }
        }
      }
    }
  }

  @Test
  void theFloatNetworkAgrees() {
    GradFrozenNet net = new GradFrozenNet();
    float[] x = new float[H * W];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 7 % 11) - 5;
    }
    net.forward(x, 1);
    float[] sobel = net.layerOutput("sobel");
    double[] xd = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xd[i] = x[i];
    }
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < W; j++) {
        assertEquals(sobel(xd, 0, SOBEL_X, i, j), sobel[i * W + j], 0);
        assertEquals(sobel(xd, 0, SOBEL_Y, i, j), sobel[H * W + i * W + j], 0);
      }
    }
  }
}
