package dev.convnet.runtime.loss;

/**
 * Cross-entropy of softmax(logits), as PyTorch's {@code CrossEntropyLoss}: with a label {@code c},
 * {@code logsumexp(y) - y[c]}; with target values {@code t}, {@code -Σ t[j] log softmax(y)[j]}. Mean over the batch.
 * Computed with a shifted log-sum-exp, so large logits do not overflow.
 */
final class SoftmaxCrossEntropy extends AbstractLoss {
  @Override
  public String name() {
    return "softmax-cross-entropy";
  }

  @Override
  double compute(Values output, int batch, int outputSize, Targets targets, Values gradient) {
    double scale = 1.0 / batch;
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += row(output, b, outputSize, targets, gradient, scale);
    }
    return sum * scale;
  }

  /** The loss of one sample; writes {@code scale ×} its gradient when {@code gradient} is not null. */
  private static double row(Values output, int b, int n, Targets targets, Values gradient, double scale) {
    int base = b * n;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, output.get(base + j)); // NaN propagates through Math.max
    }
    double sumExp = 0;
    for (int j = 0; j < n; j++) {
      sumExp += Math.exp(output.get(base + j) - max);
    }
    double logSumExp = max + Math.log(sumExp);
    if (targets.hasLabels()) {
      int label = targets.label(b);
      if (gradient != null) {
        for (int j = 0; j < n; j++) {
          double p = Math.exp(output.get(base + j) - logSumExp);
          gradient.set(base + j, (j == label ? p - 1 : p) * scale);
        }
      }
      return logSumExp - output.get(base + label);
    }
    double loss = 0;
    double targetSum = 0;
    for (int j = 0; j < n; j++) {
      double t = targets.value(b, n, j);
      targetSum += t;
      if (t != 0) { // a zero target contributes nothing, even for an infinitely negative logit
        loss += t * (logSumExp - output.get(base + j));
      }
    }
    if (gradient != null) {
      for (int j = 0; j < n; j++) {
        double p = Math.exp(output.get(base + j) - logSumExp);
        gradient.set(base + j, (p * targetSum - targets.value(b, n, j)) * scale);
      }
    }
    return loss;
  }
}
