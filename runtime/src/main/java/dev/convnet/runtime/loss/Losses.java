package dev.convnet.runtime.loss;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Factories for the {@link Loss} functions, by method and by name (for command lines). */
public final class Losses {
  private Losses() {}

  /** The rubbish-class penalty {@code j} of {@code byName("rbf-map")}. */
  public static final double RBF_MAP_DEFAULT_J = 1.0;

  /** The names {@link #byName} accepts (canonical names first, then aliases). */
  private static final List<Entry> ENTRIES = List.of(
      new Entry("softmax-cross-entropy", Losses::softmaxCrossEntropy),
      new Entry("categorical-cross-entropy", Losses::categoricalCrossEntropy),
      new Entry("mse", Losses::meanSquaredError),
      new Entry("binary-cross-entropy-with-logits", Losses::binaryCrossEntropyWithLogits),
      new Entry("l1", Losses::meanAbsoluteError),
      new Entry("msle", Losses::meanSquaredLogarithmicError),
      new Entry("mape", Losses::meanAbsolutePercentageError),
      new Entry("rbf-map", () -> rbfMap(RBF_MAP_DEFAULT_J)),
      new Entry("cross-entropy", Losses::softmaxCrossEntropy),
      new Entry("bce-with-logits", Losses::binaryCrossEntropyWithLogits),
      new Entry("mae", Losses::meanAbsoluteError));

  private record Entry(String name, Supplier<Loss> factory) {}

  /**
   * Softmax cross-entropy from logits; accepts labels or (soft) target distributions. Mean over the batch.
   *
   * @return softmax cross-entropy from logits, which accepts labels or (soft) target distributions
   */
  public static Loss softmaxCrossEntropy() {
    return new SoftmaxCrossEntropy();
  }

  /**
   * Cross-entropy of probabilities (the network applies softmax), clamped to [1e-7, 1 - 1e-7].
   *
   * @return cross-entropy of probabilities (the network applies softmax), clamped to [1e-7, 1 - 1e-7]
   */
  public static Loss categoricalCrossEntropy() {
    return new CategoricalCrossEntropy();
  }

  /**
   * Mean squared error over all values.
   *
   * @return mean squared error over all values
   */
  public static Loss meanSquaredError() {
    return new MeanSquaredError();
  }

  /**
   * Binary cross-entropy of sigmoid(logits), per value, mean over all values.
   *
   * @return binary cross-entropy of sigmoid(logits), per value, mean over all values
   */
  public static Loss binaryCrossEntropyWithLogits() {
    return new BinaryCrossEntropyWithLogits();
  }

  /**
   * Mean absolute error (L1) over all values.
   *
   * @return mean absolute error (L1) over all values
   */
  public static Loss meanAbsoluteError() {
    return new MeanAbsoluteError();
  }

  /**
   * Mean squared logarithmic error over all values.
   *
   * @return mean squared logarithmic error over all values
   */
  public static Loss meanSquaredLogarithmicError() {
    return new MeanSquaredLogarithmicError();
  }

  /**
   * Mean absolute percentage error (in percent) over all values.
   *
   * @return mean absolute percentage error (in percent) over all values
   */
  public static Loss meanAbsolutePercentageError() {
    return new MeanAbsolutePercentageError();
  }

  /**
   * LeCun et al. (1998) eq. (9), the MAP loss of a network whose outputs are RBF penalties (smaller is better):
   * {@code (1/P) Σ_p [y[D_p] + log(e^(-j) + Σ_i e^(-y[i]))]}, with class labels; its {@link Loss#predict} is the
   * arg-min.
   *
   * @param j the penalty of the "rubbish" class
   * @throws IllegalArgumentException if {@code j} is NaN or infinite
   * @return the loss of LeCun et al. 1998, eq. 9
   */
  public static Loss rbfMap(double j) {
    return new RbfMapLoss(j);
  }

  /**
   * A new loss by name, case-insensitive: {@code softmax-cross-entropy} (alias {@code cross-entropy}),
   * {@code categorical-cross-entropy}, {@code mse}, {@code binary-cross-entropy-with-logits} (alias
   * {@code bce-with-logits}), {@code l1} (alias {@code mae}), {@code msle}, {@code mape}, {@code rbf-map} (with
   * {@code j} = {@value #RBF_MAP_DEFAULT_J}).
   *
   * @param name the name
   * @return a new loss by name, case-insensitive: {@code softmax-cross-entropy} (alias {@code cross-entropy}), {@code categorical-cross-entropy}, {@code mse}, {@code binary-cross-entropy-with-logits} (alias {@code bce-with-logits}), {@code l1} (alias {@code mae}), {@code msle}, {@code mape}, {@code rbf-map} (with {@code j} = {@value #RBF_MAP_DEFAULT_J})
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Loss byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Entry e : ENTRIES) {
      if (e.name.equals(key)) {
        return e.factory.get();
      }
    }
    throw new IllegalArgumentException("unknown loss '" + name + "'; known losses: " + String.join(", ", names()));
  }

  /**
   * All names {@link #byName} accepts.
   *
   * @return all names {@link #byName} accepts
   */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }
}
