package dev.convnet.examples.oracle;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The oracle's optimizers in float64, written in the test from PyTorch's documented update rules
 * ({@code torch.optim}: SGD with momentum, Nesterov and weight decay, Adagrad, RMSprop, Adam, AdamW; only the
 * settings the oracle uses, every other option at PyTorch's default). The runtime's optimizers update float arrays
 * only, so the float64 twins step with this: the step sequences then check the twins' gradients over several
 * steps, and this code's reading of PyTorch's rules, to float64 rounding. The float32 sequences check the runtime's
 * optimizers themselves.
 */
final class ReferenceOptimizer64 {
  private final String kind;
  private final double lr;
  private final Map<String, Double> settings;
  private final Set<String> read = new HashSet<>();
  private double[] first;
  private double[] second;
  private int t;

  ReferenceOptimizer64(Oracle.Steps steps) {
    kind = steps.optimizer();
    settings = steps.settings();
    lr = setting("lr");
  }

  private double setting(String name) {
    read.add(name);
    Double v = settings.get(name);
    if (v == null) {
      throw new IllegalArgumentException(kind + ": the oracle gives no setting '" + name + "'");
    }
    return v;
  }

  /** One update of {@code p} in place from {@code g}. */
  void step(double[] p, double[] g) {
    if (first == null) {
      first = new double[p.length];
      second = new double[p.length];
    }
    t++;
    switch (kind) {
      case "sgd" -> sgd(p, g, 0, false, 0);
      case "sgd_momentum" -> sgd(p, g, setting("momentum"), false, 0);
      case "sgd_nesterov" -> sgd(p, g, setting("momentum"), setting("nesterov") != 0, 0);
      case "sgd_weight_decay" -> sgd(p, g, 0, false, setting("weight_decay"));
      case "adagrad" -> adagrad(p, g, setting("eps"));
      case "rmsprop" -> rmsProp(p, g, setting("alpha"), setting("eps"));
      case "adam" -> adam(p, g, 0);
      case "adamw" -> adam(p, g, setting("weight_decay"));
      default -> throw new IllegalArgumentException("no float64 reference for optimizer " + kind);
    }
    if (!read.containsAll(settings.keySet())) {
      throw new IllegalArgumentException(kind + ": the oracle's settings " + settings + " include some this"
          + " reference does not implement (it reads only " + read + ")");
    }
  }

  /** {@code d = g + λp}; {@code b = d} on the first step, else {@code μb + d}; {@code p −= lr·(d + μb or b)}. */
  private void sgd(double[] p, double[] g, double momentum, boolean nesterov, double weightDecay) {
    for (int i = 0; i < p.length; i++) {
      double d = g[i] + weightDecay * p[i];
      if (momentum != 0) {
        double b = t == 1 ? d : momentum * first[i] + d;
        first[i] = b;
        d = nesterov ? d + momentum * b : b;
      }
      p[i] -= lr * d;
    }
  }

  /** {@code s += g²}; {@code p −= lr·g / (√s + ε)}. */
  private void adagrad(double[] p, double[] g, double eps) {
    for (int i = 0; i < p.length; i++) {
      second[i] += g[i] * g[i];
      p[i] -= lr * g[i] / (Math.sqrt(second[i]) + eps);
    }
  }

  /** {@code v = αv + (1 − α)g²}; {@code p −= lr·g / (√v + ε)}. */
  private void rmsProp(double[] p, double[] g, double alpha, double eps) {
    for (int i = 0; i < p.length; i++) {
      second[i] = alpha * second[i] + (1 - alpha) * g[i] * g[i];
      p[i] -= lr * g[i] / (Math.sqrt(second[i]) + eps);
    }
  }

  /**
   * Adam, and AdamW when {@code decoupledDecay > 0} ({@code p *= 1 − lr·λ} first): {@code m = β₁m + (1 − β₁)g},
   * {@code v = β₂v + (1 − β₂)g²}, {@code p −= (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)}.
   */
  private void adam(double[] p, double[] g, double decoupledDecay) {
    double beta1 = setting("beta1");
    double beta2 = setting("beta2");
    double eps = setting("eps");
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1 - lr * decoupledDecay;
      first[i] = beta1 * first[i] + (1 - beta1) * g[i];
      second[i] = beta2 * second[i] + (1 - beta2) * g[i] * g[i];
      p[i] -= stepSize * first[i] / (Math.sqrt(second[i]) / correction2 + eps);
    }
  }
}
