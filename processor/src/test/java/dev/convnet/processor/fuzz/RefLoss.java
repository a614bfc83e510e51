package dev.convnet.processor.fuzz;

/**
 * The losses, written again from their definitions (mean reduction as in PyTorch) in float64: value and gradient
 * with respect to the outputs of a whole batch.
 */
final class RefLoss {
  private RefLoss() {}

  static boolean usesLabels(String loss) {
    return loss.equals("softmax-cross-entropy") || loss.equals("categorical-cross-entropy")
        || loss.equals("rbf-map");
  }

  /** Mean loss of {@code out} ({@code batch × n}); writes d(loss)/d(out) into {@code grad}. */
  static double compute(String loss, double[] out, int batch, int n, int[] labels, double[] targets, double[] grad) {
    double total = 0;
    for (int b = 0; b < batch; b++) {
      int base = b * n;
      switch (loss) {
        case "softmax-cross-entropy" -> {
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) {
            max = Math.max(max, out[base + j]);
          }
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += Math.exp(out[base + j] - max);
          }
          double lse = max + Math.log(sum);
          total += (lse - out[base + labels[b]]) / batch;
          for (int j = 0; j < n; j++) {
            grad[base + j] = (Math.exp(out[base + j] - lse) - (j == labels[b] ? 1 : 0)) / batch;
          }
        }
        case "categorical-cross-entropy" -> {
          for (int j = 0; j < n; j++) {
            double t = j == labels[b] ? 1 : 0;
            double y = out[base + j];
            double clamped = Math.min(Math.max(y, 1e-7), 1 - 1e-7);
            total += -t * Math.log(clamped) / batch;
            grad[base + j] = y < 1e-7 || y > 1 - 1e-7 ? 0 : -t / y / batch;
          }
        }
        case "mse" -> {
          for (int j = 0; j < n; j++) {
            double d = out[base + j] - targets[base + j];
            total += d * d / (batch * n);
            grad[base + j] = 2 * d / (batch * n);
          }
        }
        case "l1" -> {
          for (int j = 0; j < n; j++) {
            double d = out[base + j] - targets[base + j];
            total += Math.abs(d) / (batch * n);
            grad[base + j] = Math.signum(d) / (batch * n);
          }
        }
        case "binary-cross-entropy-with-logits" -> {
          for (int j = 0; j < n; j++) {
            double x = out[base + j];
            double t = targets[base + j];
            double p = 1 / (1 + Math.exp(-x));
            // −[t log p + (1 − t) log(1 − p)], with log p = −log(1 + e^−x) and log(1 − p) = −x − log(1 + e^−x)
            double softplus = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            total += (softplus - t * x) / (batch * n);
            grad[base + j] = (p - t) / (batch * n);
          }
        }
        case "rbf-map" -> { // LeCun et al. 1998 eq. 9 with j = 1: y_D + log(e^−j + Σ_i e^−y_i)
          double j = 1;
          double sum = Math.exp(-j);
          for (int i = 0; i < n; i++) {
            sum += Math.exp(-out[base + i]);
          }
          total += (out[base + labels[b]] + Math.log(sum)) / batch;
          for (int i = 0; i < n; i++) {
            grad[base + i] = ((i == labels[b] ? 1 : 0) - Math.exp(-out[base + i]) / sum) / batch;
          }
        }
        default -> throw new IllegalArgumentException(loss);
      }
    }
    return total;
  }
}
