package dev.convnet.examples.report;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A realistic report on LeNet-5: the real layer table and initial C1 weights, synthetic curves and activations. */
final class ReportFixtures {
  static final int EPOCHS = 10;
  static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private ReportFixtures() {
  }

  static List<EpochPoint> history(int epochs) {
    List<EpochPoint> points = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double trainLoss = 2.3 * Math.exp(-0.6 * e) + 0.03;
      double testLoss = 2.3 * Math.exp(-0.55 * e) + 0.06;
      double trainAcc = 1 - 0.9 * Math.exp(-0.7 * e) - 0.005;
      double testAcc = 1 - 0.9 * Math.exp(-0.65 * e) - 0.015;
      points.add(new EpochPoint(e, trainLoss, trainAcc, testLoss, testAcc, 3.5 + 0.1 * e));
    }
    return points;
  }

  static int[][] confusion() {
    Random random = new Random(7);
    int[][] m = new int[10][10];
    for (int t = 0; t < 10; t++) {
      for (int p = 0; p < 10; p++) {
        m[t][p] = t == p ? 950 + 5 * t : random.nextInt(4) == 0 ? random.nextInt(12) : 0;
      }
    }
    return m;
  }

  /** A blurry "7" in the middle of a 32×32 frame, white on black, in [0, 1]. */
  static float[] digit() {
    float[] img = new float[32 * 32];
    for (int x = 8; x < 24; x++) {
      stroke(img, 8, x);
      stroke(img, 9, x);
    }
    for (int y = 10; y < 25; y++) {
      int x = 23 - (y - 10) * 9 / 14;
      stroke(img, y, x);
      stroke(img, y, x - 1);
    }
    return img;
  }

  private static void stroke(float[] img, int y, int x) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int yy = y + dy;
        int xx = x + dx;
        if (yy >= 0 && yy < 32 && xx >= 0 && xx < 32) {
          float v = dy == 0 && dx == 0 ? 1f : 0.5f;
          img[yy * 32 + xx] = Math.max(img[yy * 32 + xx], v);
        }
      }
    }
  }

  /** Activations shaped like every layer after the input, with some structure. */
  static List<FeatureMaps> maps(List<LayerInfo> layers) {
    List<FeatureMaps> maps = new ArrayList<>();
    for (LayerInfo l : layers) {
      if (l.name().equals("input")) {
        continue;
      }
      Shape s = l.outputShape();
      float[] v = new float[s.size()];
      for (int c = 0; c < s.channels(); c++) {
        for (int y = 0; y < s.height(); y++) {
          for (int x = 0; x < s.width(); x++) {
            v[(c * s.height() + y) * s.width() + x] =
                (float) Math.tanh(Math.sin(0.7 * x + c) * Math.cos(0.5 * y - c) + 0.1 * c);
          }
        }
      }
      maps.add(new FeatureMaps(l.name(), s, v));
    }
    return maps;
  }

  static Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("epochs", EPOCHS);
    s.put("batch", 32);
    s.put("optimizer", "SGD momentum 0.9");
    s.put("lr", 0.01);
    s.put("seed", 1);
    s.put("threads", 8);
    s.put("data set", "mnist-digits-10k <bundled>");
    return s;
  }

  static TrainingReport report() {
    LeNet5Net net = new LeNet5Net();
    List<LayerInfo> layers = net.layers();
    return TrainingReport.builder(LeNet5Net.NAME)
        .history(history(EPOCHS))
        .model(layers)
        .filters("c1", net.parameters().data(), 6, 1, 5, 5)
        .sample(new FeatureMaps("input", Shape.map(1, 32, 32), digit()), "7", "7", maps(layers))
        .confusion(confusion(), DIGITS)
        .testAccuracy(0.9751)
        .trainingSeconds(41.5)
        .settings(settings())
        .build();
  }

  /** Images of the report above: 6 filters, the input, 6+6+16+16 maps and three strips (c5, f6, out). */
  static final int FILTER_IMAGES = 6;
  static final int FEATURE_MAP_IMAGES = 6 + 6 + 16 + 16 + 1 + 1 + 1;
  static final int IMAGES = FILTER_IMAGES + 1 + FEATURE_MAP_IMAGES;
}
