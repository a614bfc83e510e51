package dev.convnet.runtime.loss;

/**
 * The maximum a posteriori loss of LeCun et al. (1998), eq. (9), for a network whose last layer is a layer of
 * Euclidean RBF units, {@code y[i] = Σ_j (x[j] - w[i][j])²}: each output is a penalty, smaller is better. With class
 * labels {@code D_p},
 *
 * <pre>
 *   E = (1/P) Σ_p [ y[D_p] + log(e^(-j) + Σ_i e^(-y[i])) ]
 * </pre>
 *
 * which pulls the correct class's penalty down and pushes the others up, the {@code e^(-j)} term (a "rubbish" class
 * of penalty {@code j}) keeping penalties that are already large from being pushed further. The gradient is
 * {@code dE/dy[i] = (1/P) ([i = D_p] - e^(-y[i]) / (e^(-j) + Σ_k e^(-y[k])))}. The log-sum-exp is shifted by the
 * largest of {@code -j} and the {@code -y[i]}, so that no exponential overflows. Needs class labels; the predicted
 * class is the arg-min of the outputs ({@link #predict}).
 */
final class RbfMapLoss extends AbstractLoss {
  private final double j;

  /**
   * @param j the penalty of the rubbish class, a positive constant in the paper
   * @throws IllegalArgumentException if {@code j} is NaN or infinite
   */
  RbfMapLoss(double j) {
    if (!Double.isFinite(j)) {
      throw new IllegalArgumentException("rbf-map: the constant j must be finite, got " + j);
    }
    this.j = j;
  }

  @Override
  public String name() {
    return "rbf-map";
  }

  /** The rubbish-class penalty {@code j}. */
  double j() {
    return j;
  }

  /** The index of the smallest penalty among {@code output[offset .. offset + n)}, the first on ties. */
  @Override
  public int predict(float[] output, int offset, int n) {
    return ClassPrediction.argMin(output, offset, n);
  }

  @Override
  double compute(Values output, int batch, int outputSize, Targets targets, Values gradient) {
    if (!targets.hasLabels()) {
      throw new IllegalArgumentException(name() + " needs class labels, got target values");
    }
    double scale = 1.0 / batch;
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      sum += row(output, b * outputSize, outputSize, targets.label(b), gradient, scale);
    }
    return sum * scale;
  }

  /** The loss of one sample; writes {@code scale ×} its gradient when {@code gradient} is not null. */
  private double row(Values output, int base, int n, int label, Values gradient, double scale) {
    double max = -j;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, -output.get(base + i)); // NaN propagates through Math.max
    }
    double sumExp = Math.exp(-j - max);
    for (int i = 0; i < n; i++) {
      sumExp += Math.exp(-output.get(base + i) - max);
    }
    double logSumExp = max + Math.log(sumExp);
    if (gradient != null) {
      for (int i = 0; i < n; i++) {
        double p = Math.exp(-output.get(base + i) - logSumExp);
        gradient.set(base + i, ((i == label ? 1 : 0) - p) * scale);
      }
    }
    return output.get(base + label) + logSumExp;
  }

  @Override
  public String toString() {
    return name() + "(j = " + j + ")";
  }
}
