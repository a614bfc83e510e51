package dev.convnet.spark;

import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;

/**
 * Turns a network's outputs into a class and class probabilities, as the loss it was trained with reads them:
 * logits (arg-max, softmax) for most losses, penalties (arg-min, softmax of the negated penalties) for
 * {@code rbf-map} — the same reading as the examples' {@code classify} command.
 */
final class Scores {
  private final Loss loss;
  private final boolean penalties;

  Scores(String lossName) {
    this.loss = Losses.byName(lossName);
    this.penalties = loss.predict(new float[] {0, 1}, 0, 2) == 0;
  }

  int predict(float[] output, int offset, int n) {
    return loss.predict(output, offset, n);
  }

  /** Softmax of the outputs (negated for penalties) into {@code dst}. */
  void probabilities(float[] output, int offset, int n, float[] dst) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, penalties ? -output[offset + j] : output[offset + j]);
    }
    double sum = 0;
    double[] e = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = Math.exp((penalties ? -output[offset + j] : output[offset + j]) - max);
      sum += e[j];
    }
    for (int j = 0; j < n; j++) {
      dst[j] = (float) (e[j] / sum);
    }
  }
}
