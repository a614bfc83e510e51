package dev.convnet.runtime.train;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;

/**
 * Runs a network forward over a labelled dataset in batches (in evaluation mode: {@code setTraining(false)}, then
 * back to {@code true}) and measures loss, accuracy and the confusion matrix. The predicted class of a sample is the
 * loss's {@link Loss#predict} (the arg-max of the outputs, or the arg-min for penalties such as {@code rbf-map}).
 * Not thread-safe.
 */
public final class Evaluator {
  private final CompiledNetwork net;
  private final Loss loss;
  private final int batchSize;
  private final Targets targets = Targets.labels(new int[0], 0);

  /**
   * @param batchSize samples per forward call (the network's buffers are sized for the largest batch it sees)
   * @param net the network
   * @param loss the loss
   */
  public Evaluator(CompiledNetwork net, Loss loss, int batchSize) {
    if (net == null || loss == null) {
      throw new IllegalArgumentException("network and loss must not be null");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    this.net = net;
    this.loss = loss;
    this.batchSize = batchSize;
  }

  /**
   * Evaluates every sample of {@code data}.
   *
   * @param data the data set
   * @return the loss, accuracy and confusion matrix over every sample of {@code data}
   * @throws IllegalArgumentException if the data does not fit the network (sample size, labels) or is empty
   */
  public Evaluation evaluate(Dataset data) {
    checkFits(net, data, "evaluation set");
    int classes = net.outputSize();
    int inputSize = net.inputSize();
    int[][] confusion = new int[classes][classes];
    double lossSum = 0;
    int correct = 0;
    net.setTraining(false);
    try {
      for (int start = 0; start < data.size(); start += batchSize) {
        int n = Math.min(batchSize, data.size() - start);
        float[] out = net.forward(data.features(), start * inputSize, n);
        lossSum += loss.value(out, n, classes, targets.setLabels(data.labels(), start)) * n;
        for (int b = 0; b < n; b++) {
          int label = data.labels()[start + b];
          int predicted = loss.predict(out, b * classes, classes);
          confusion[label][predicted]++;
          if (predicted == label) {
            correct++;
          }
        }
      }
    } finally {
      net.setTraining(true);
    }
    return new Evaluation(data.size(), lossSum / data.size(), (double) correct / data.size(), confusion);
  }

  /**
   * Checks that a dataset is non-empty, has the network's sample size, labels inside its outputs and finite
   * features.
   */
  static void checkFits(CompiledNetwork net, Dataset data, String what) {
    if (data == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (data.sampleSize() != net.inputSize()) {
      throw new IllegalArgumentException(what + " has samples of " + data.sampleShape() + " = "
          + data.sampleSize() + " values but network " + net.name() + " takes " + net.inputShape() + " = "
          + net.inputSize());
    }
    int classes = net.outputSize();
    int[] labels = data.labels();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= classes) {
        throw new IllegalArgumentException(what + ": label " + labels[i] + " of sample " + i
            + " is outside the network's " + classes + " outputs [0, " + classes + ")");
      }
    }
    data.checkFinite(what);
  }
}
