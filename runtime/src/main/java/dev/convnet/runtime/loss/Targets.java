package dev.convnet.runtime.loss;

/**
 * What a batch should have produced: either integer class labels or target values ({@code float[]}, or
 * {@code double[]} for float64 networks, whose losses then see the targets unrounded).
 *
 * <p>Labels: {@code labels[offset + b]} is the class of sample {@code b}; losses that need target values (MSE,
 * binary cross-entropy, ...) see a label as a one-hot vector. Values: {@code values[offset + b * outputSize + j]} is
 * the target of output {@code j} of sample {@code b} (one-hot, soft labels, regression targets). Offsets are array
 * indices, as in {@code CompiledNetwork.forward(input, offset, batch)}.
 *
 * <p>A {@code Targets} is mutable so that a training loop can point it at the next batch without allocating.
 */
public final class Targets {
  private int[] labels;
  private float[] values;
  private double[] doubleValues;
  private int offset;

  private Targets() {}

  /**
   * Class labels starting at {@code labels[offset]}.
   *
   * @param labels the class label of each sample
   * @param offset the index of the first value in the array
   * @return class labels starting at {@code labels[offset]}
   */
  public static Targets labels(int[] labels, int offset) {
    return new Targets().setLabels(labels, offset);
  }

  /**
   * Target values, {@code outputSize} per sample, starting at {@code values[offset]}.
   *
   * @param values the values
   * @param offset the index of the first value in the array
   * @return target values, {@code outputSize} per sample, starting at {@code values[offset]}
   */
  public static Targets values(float[] values, int offset) {
    return new Targets().setValues(values, offset);
  }

  /**
   * Double-precision target values.
   *
   * @param values {@code outputSize} values per sample
   * @param offset the index of the first value in the array
   * @return new targets holding those values
   */
  public static Targets values(double[] values, int offset) {
    return new Targets().setValues(values, offset);
  }

  /**
   * Points these targets at labels (dropping any values).
   *
   * @param labels the class label of each sample
   * @param offset the index of the first value in the array
   * @return these targets, now the labels
   */
  public Targets setLabels(int[] labels, int offset) {
    if (labels == null) {
      throw new IllegalArgumentException("labels array is null");
    }
    this.labels = labels;
    this.values = null;
    this.doubleValues = null;
    return setOffset(offset);
  }

  /**
   * Points these targets at values (dropping any labels).
   *
   * @param values the values
   * @param offset the index of the first value in the array
   * @return these targets, now the values
   */
  public Targets setValues(float[] values, int offset) {
    if (values == null) {
      throw new IllegalArgumentException("target values array is null");
    }
    this.values = values;
    this.doubleValues = null;
    this.labels = null;
    return setOffset(offset);
  }

  /**
   * Points these targets at double-precision values (dropping any labels).
   *
   * @param values {@code outputSize} values per sample
   * @param offset the index of the first value in the array
   * @return these targets, now the values
   */
  public Targets setValues(double[] values, int offset) {
    if (values == null) {
      throw new IllegalArgumentException("target values array is null");
    }
    this.doubleValues = values;
    this.values = null;
    this.labels = null;
    return setOffset(offset);
  }

  /**
   * Moves to another place in the same array.
   *
   * @param offset the index of the first value in the array
   * @return these targets, at the new offset
   */
  public Targets setOffset(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("target offset must be >= 0, got " + offset);
    }
    this.offset = offset;
    return this;
  }

  /**
   * Index of the first label or value in the array.
   *
   * @return index of the first label or value in the array
   */
  public int offset() {
    return offset;
  }

  /**
   * Whether these are class labels (otherwise target values).
   *
   * @return whether these are class labels (otherwise target values)
   */
  public boolean hasLabels() {
    return labels != null;
  }

  /**
   * The class label of sample {@code sample}; only for label targets.
   *
   * @param sample the sample index, from 0
   * @return the class label of sample {@code sample}; only for label targets
   */
  public int label(int sample) {
    if (labels == null) {
      throw new IllegalStateException("these targets are values, not class labels");
    }
    return labels[offset + sample];
  }

  /**
   * The target of output {@code j} of sample {@code sample}: a value, or 1/0 for a one-hot label.
   *
   * @param sample the sample index, from 0
   * @param outputSize values per sample of the output
   * @param j the output index
   * @return the target of output {@code j} of sample {@code sample}: a value, or 1/0 for a one-hot label
   */
  public double value(int sample, int outputSize, int j) {
    if (labels != null) {
      return labels[offset + sample] == j ? 1 : 0;
    }
    int i = offset + sample * outputSize + j;
    return values != null ? values[i] : doubleValues[i];
  }

  /**
   * Checks that the arrays hold a whole batch, that labels lie in {@code [0, outputSize)} and that values are finite.
   *
   * @param batch the number of samples in the batch
   * @param outputSize values per sample of the output
   * @throws IllegalArgumentException naming the sample at fault
   */
  public void check(int batch, int outputSize) {
    if (labels != null) {
      if ((long) offset + batch > labels.length) {
        throw new IllegalArgumentException("targets: a batch of " + batch + " needs labels[" + offset + " .. "
            + ((long) offset + batch) + ") but the label array has " + labels.length + " entries");
      }
      for (int b = 0; b < batch; b++) {
        int label = labels[offset + b];
        if (label < 0 || label >= outputSize) {
          throw new IllegalArgumentException("label " + label + " of sample " + b + " (labels[" + (offset + b)
              + "]) is outside [0, " + outputSize + "): the network has " + outputSize + " outputs");
        }
      }
      return;
    }
    long needed = (long) batch * outputSize;
    int length = values != null ? values.length : doubleValues.length;
    if (offset + needed > length) {
      throw new IllegalArgumentException("targets: a batch of " + batch + " × " + outputSize + " needs values["
          + offset + " .. " + (offset + needed) + ") but the target array has " + length + " entries");
    }
    for (int i = 0; i < needed; i++) {
      double v = values != null ? values[offset + i] : doubleValues[offset + i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("target " + (i % outputSize) + " of sample " + (i / outputSize)
            + " (values[" + (offset + i) + "]) is " + v);
      }
    }
  }

  @Override
  public String toString() {
    return labels != null ? "Targets(labels @" + offset + ")" : "Targets(values @" + offset + ")";
  }
}
