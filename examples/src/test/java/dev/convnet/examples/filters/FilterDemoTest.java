package dev.convnet.examples.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frozen-kernel demo: its convolution is Sobel-X, nothing is trainable, and it writes the stages as PNGs. */
class FilterDemoTest {
  private static final double[] SOBEL_X = {-1, 0, 1, -2, 0, 2, -1, 0, 1};

  /** The 3×3 correlation of the summed channels with a kernel, by hand: out[y][x] = Σ_c Σ k[i][j]·in[c][y+i][x+j]. */
  private static double[] correlate(float[] in, double[] k, int channels, int size) {
    int o = size - 2;
    double[] out = new double[o * o];
    for (int y = 0; y < o; y++) {
      for (int x = 0; x < o; x++) {
        double s = 0;
        for (int c = 0; c < channels; c++) {
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
              s += k[i * 3 + j] * in[c * size * size + (y + i) * size + x + j];
            }
          }
        }
        out[y * o + x] = s;
      }
    }
    return out;
  }

  @Test
  void convolutionIsSobelXOfTheBundledPictureThenReluAndPool() throws Exception {
    float[] input = FilterDemo.channels(FilterDemo.read(null));
    CompiledNetwork net = new SobelEdgesNet();
    net.forward(input, 1);
    double[] expected = correlate(input, SOBEL_X, 3, 80);
    float[] conv = net.layerOutput("sobelX");
    float[] relu = net.layerOutput("relu");
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], conv[i], 1e-5, "sobelX at " + i);
      assertEquals(Math.max(0, expected[i]), relu[i], 1e-5, "relu at " + i);
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
    }
    assertTrue(maxAbs > 1, "the bundled scene has edges: largest |Sobel-X| " + maxAbs);
    float[] pool = net.layerOutput("pool");
    for (int y = 0; y < 39; y++) {
      for (int x = 0; x < 39; x++) {
        float m = Math.max(Math.max(relu[2 * y * 78 + 2 * x], relu[2 * y * 78 + 2 * x + 1]),
            Math.max(relu[(2 * y + 1) * 78 + 2 * x], relu[(2 * y + 1) * 78 + 2 * x + 1]));
        assertEquals(m, pool[y * 39 + x], 0f);
      }
    }
  }

  @Test
  void namedFiltersMatchTheirKernels() throws Exception {
    float[] input = FilterDemo.channels(FilterDemo.read(null));
    CompiledNetwork net = new NamedFiltersNet();
    float[] out = net.forward(input, 1);
    Map<String, double[]> kernels = new HashMap<>();
    kernels.put("sobel-x", SOBEL_X);
    kernels.put("sobel-y", new double[] {-1, -2, -1, 0, 0, 0, 1, 2, 1});
    kernels.put("identity", new double[] {0, 0, 0, 0, 1, 0, 0, 0, 0});
    kernels.put("blur", new double[] {1 / 16., 2 / 16., 1 / 16., 2 / 16., 4 / 16., 2 / 16., 1 / 16., 2 / 16., 1 / 16.});
    kernels.put("sharpen", new double[] {0, -1, 0, -1, 5, -1, 0, -1, 0});
    kernels.put("edge", new double[] {-1, -1, -1, -1, 8, -1, -1, -1, -1});
    kernels.put("emboss", new double[] {-2, -1, 0, -1, 1, 1, 0, 1, 2});
    for (int f = 0; f < FilterDemo.FILTER_NAMES.size(); f++) {
      double[] expected = correlate(input, kernels.get(FilterDemo.FILTER_NAMES.get(f)), 3, 80);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], out[f * 78 * 78 + i], 1e-5, FilterDemo.FILTER_NAMES.get(f) + " at " + i);
      }
    }
  }

  @Test
  void networksHaveNoTrainableParameters() {
    assertEquals(0, new SobelEdgesNet().parameterCount());
    assertEquals(0, new NamedFiltersNet().parameterCount());
    assertEquals(0, SobelEdgesNet.LAYOUT.size());
    assertTrue(new SobelEdgesNet().layers().stream().allMatch(l -> l.parameters() == 0));
  }

  @Test
  void writesEveryStageAsAPngOfItsSize(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertEquals(0, FilterDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--out", dir.toString()));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("image 3×80×80 → sobelX 1×78×78 → relu 1×78×78 → pool 1×39×39"), out);
    Map<String, Integer> sizes = new HashMap<>(Map.of("0-input.png", 80, "1-sobelX.png", 78, "2-relu.png", 78,
        "3-pool.png", 39));
    for (String f : FilterDemo.FILTER_NAMES) {
      sizes.put("filter-" + f + ".png", 78);
    }
    for (Map.Entry<String, Integer> e : sizes.entrySet()) {
      Path file = dir.resolve(e.getKey());
      byte[] bytes = Files.readAllBytes(file);
      assertTrue(Arrays.equals(Arrays.copyOf(bytes, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}),
          e.getKey() + " starts with the PNG signature");
      BufferedImage image = ImageIO.read(file.toFile());
      assertNotNull(image, e.getKey());
      assertEquals(e.getValue(), image.getWidth(), e.getKey());
      assertEquals(e.getValue(), image.getHeight(), e.getKey());
    }
    BufferedImage conv = ImageIO.read(dir.resolve("1-sobelX.png").toFile());
    int min = 255;
    int max = 0;
    for (int y = 0; y < 78; y++) {
      for (int x = 0; x < 78; x++) {
        int g = conv.getRaster().getSample(x, y, 0);
        min = Math.min(min, g);
        max = Math.max(max, g);
      }
    }
    assertEquals(0, min, "normalized: the smallest value is black");
    assertEquals(255, max, "normalized: the largest value is white");
  }

  @Test
  void scalesAnotherPictureTo80By80(@TempDir Path dir) throws Exception {
    BufferedImage big = new BufferedImage(200, 120, BufferedImage.TYPE_INT_ARGB);
    big.setRGB(100, 60, 0xffffffff);
    Path file = dir.resolve("big.png");
    ImageIO.write(big, "png", file.toFile());
    FilterDemo.Result r = FilterDemo.run(FilterDemo.read(file), dir.resolve("out"));
    assertEquals(11, r.files().size());
    assertEquals(80, ImageIO.read(r.files().get(0).toFile()).getWidth());
  }
}
