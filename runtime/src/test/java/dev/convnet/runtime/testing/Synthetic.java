package dev.convnet.runtime.testing;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import java.util.SplittableRandom;

/** Synthetic labelled data for training tests. */
public final class Synthetic {
  private Synthetic() {}

  /**
   * {@code n} samples of {@code classes} Gaussian blobs: class {@code c}'s samples are a random center (each value
   * uniform in ±1, fixed by {@code centerSeed}) plus Gaussian noise of standard deviation {@code noise}.
   */
  public static Dataset blobs(int n, int classes, Shape shape, double noise, long centerSeed, long sampleSeed) {
    int size = shape.size();
    SplittableRandom centers = new SplittableRandom(centerSeed);
    double[][] center = new double[classes][size];
    for (double[] c : center) {
      for (int i = 0; i < size; i++) {
        c[i] = centers.nextDouble() * 2 - 1;
      }
    }
    SplittableRandom random = new SplittableRandom(sampleSeed);
    float[] features = new float[n * size];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      int label = random.nextInt(classes);
      labels[s] = label;
      for (int i = 0; i < size; i++) {
        features[s * size + i] = (float) (center[label][i] + noise * gaussian(random));
      }
    }
    return new Dataset(features, labels, shape);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
